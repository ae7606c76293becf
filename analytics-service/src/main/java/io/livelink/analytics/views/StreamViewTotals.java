package io.livelink.analytics.views;

import io.livelink.events.StreamType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "stream_view_totals")
public class StreamViewTotals extends PanacheEntityBase {

    @Id
    @Column(name = "stream_id")
    public String streamId;

    @Column(name = "tenant_id")
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(name = "stream_type")
    public StreamType streamType;

    public long joins;
    public long leaves;
    public long heartbeats;

    @Column(name = "first_event_at")
    public Instant firstEventAt;

    @Column(name = "last_event_at")
    public Instant lastEventAt;
}
