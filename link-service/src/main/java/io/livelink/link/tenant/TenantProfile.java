package io.livelink.link.tenant;

import io.livelink.events.BroadcastPolicy;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** This service's copy of a tenant's settings, kept current by TenantSettingsChanged. */
@Entity
@Table(name = "tenant_profile")
public class TenantProfile extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "live_service_enabled")
    public boolean liveServiceEnabled;

    @Enumerated(EnumType.STRING)
    @Column(name = "broadcast_policy")
    public BroadcastPolicy broadcastPolicy;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
