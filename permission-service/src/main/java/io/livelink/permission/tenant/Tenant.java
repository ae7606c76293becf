package io.livelink.permission.tenant;

import io.livelink.events.BroadcastPolicy;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An enterprise using LiveLink. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id public String id;

    public String name;

    @Column(name = "live_service_enabled")
    public boolean liveServiceEnabled;

    @Enumerated(EnumType.STRING)
    @Column(name = "broadcast_policy")
    public BroadcastPolicy broadcastPolicy;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
