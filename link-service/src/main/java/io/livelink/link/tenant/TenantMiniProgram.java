package io.livelink.link.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A tenant's own WeChat mini-program, set by its admin here (the tenant settings of
 * permission-service have no place for it); tenants without one use the configured default.
 */
@Entity
@Table(name = "tenant_mini_program")
public class TenantMiniProgram extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "app_id")
    public String appId;

    /** The page that plays a stream; null: the configured page. */
    public String page;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
