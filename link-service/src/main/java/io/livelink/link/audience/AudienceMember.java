package io.livelink.link.audience;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A member of an {@link AudienceGroup}. */
@Entity
@Table(name = "audience_group_member")
@IdClass(AudienceMember.Key.class)
public class AudienceMember extends PanacheEntityBase {

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
}
