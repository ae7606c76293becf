package io.livelink.permission.group;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * A named set of a tenant's members. A deleted group stays as a tombstone ({@code deletedAt}) so a
 * late class snapshot cannot revive it.
 */
@Entity
@Table(name = "directory_group")
@IdClass(DirectoryGroup.Key.class)
public class DirectoryGroup extends PanacheEntityBase {

    /** Who decides the membership: tenant admins through the API, or a training class's sync. */
    public enum Origin {
        MANUAL,
        TRAINING_CLASS
    }

    public record Key(String tenantId, String id) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id public String id;

    public String name;

    @Enumerated(EnumType.STRING)
    public Origin origin;

    @Column(name = "class_id")
    public String classId;

    @Column(name = "class_code")
    public String classCode;

    @Column(name = "synced_at")
    public Instant syncedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** The group, deleted or not. */
    static Optional<DirectoryGroup> lookup(String tenantId, String groupId) {
        return findByIdOptional(new Key(tenantId, groupId));
    }
}
