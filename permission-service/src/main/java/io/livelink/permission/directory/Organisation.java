package io.livelink.permission.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A node of a tenant's organisation tree; {@code parentId} null for a root. */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {

    @Id public String id;

    @Column(name = "tenant_id")
    public String tenantId;

    public String name;

    @Column(name = "parent_id")
    public String parentId;

    @Column(name = "created_at")
    public Instant createdAt;
}
