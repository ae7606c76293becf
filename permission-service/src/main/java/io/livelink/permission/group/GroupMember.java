package io.livelink.permission.group;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One member of one group. */
@Entity
@Table(name = "directory_group_member")
@IdClass(GroupMember.Key.class)
public class GroupMember extends PanacheEntityBase {

    public record Key(String tenantId, String groupId, String memberId) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "group_id")
    public String groupId;

    @Id
    @Column(name = "member_id")
    public String memberId;

    @Column(name = "added_at")
    public Instant addedAt;
}
