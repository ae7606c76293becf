package io.livelink.link.audience;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * This service's copy of a directory group, kept to permission-service's latest {@code
 * DirectoryGroupChanged} snapshot. A dissolved group stays, empty.
 */
@Entity
@Table(name = "audience_group")
@IdClass(AudienceGroup.Key.class)
public class AudienceGroup extends PanacheEntityBase {

    public record Key(String tenantId, String groupId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "group_id")
    public String groupId;

    public String name;

    /** When permission-service made the snapshot applied last. */
    @Column(name = "changed_at")
    public Instant changedAt;

    public static boolean isKnown(String tenantId, String groupId) {
        return findById(new Key(tenantId, groupId)) != null;
    }

    public static boolean hasMember(String tenantId, String groupId, String memberId) {
        return AudienceMember.findById(new AudienceMember.Key(tenantId, groupId, memberId)) != null;
    }
}
