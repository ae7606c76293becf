package io.livelink.link.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * A member of a tenant's directory, as permission-service announced (MemberJoined, until
 * MemberLeft): only they are issued member links and resolve them.
 */
@Entity
@Table(name = "directory_member")
@IdClass(DirectoryMember.Key.class)
public class DirectoryMember extends PanacheEntityBase {

    public record Key(String tenantId, String memberId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "member_id")
    public String memberId;

    @Column(name = "joined_at")
    public Instant joinedAt;

    public static boolean isMember(String tenantId, String memberId) {
        return findById(new Key(tenantId, memberId)) != null;
    }
}
