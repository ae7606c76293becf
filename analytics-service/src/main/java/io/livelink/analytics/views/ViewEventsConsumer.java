package io.livelink.analytics.views;

import io.livelink.analytics.rollup.ViewIngestion;
import io.livelink.commons.inbox.ProcessedEvents;
import io.livelink.events.EventCodec;
import io.livelink.events.EventEnvelope;
import io.livelink.events.ViewEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Counts view events per stream and feeds the rollups ({@link ViewIngestion}). The count, the
 * session and window updates and the processed-event mark commit in one transaction, so a
 * redelivered or duplicated event never counts twice and a crash loses nothing; malformed records
 * go to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class ViewEventsConsumer {

    public static final String CHANNEL = "view-events";
    private static final String CONSUMER = "analytics-service/stream-totals";

    private final ProcessedEvents processed;
    private final EntityManager entityManager;
    private final ViewIngestion rollups;

    public ViewEventsConsumer(
            ProcessedEvents processed, EntityManager entityManager, ViewIngestion rollups) {
        this.processed = processed;
        this.entityManager = entityManager;
        this.rollups = rollups;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void count(String record) {
        EventEnvelope envelope = EventCodec.decode(record);
        if (!processed.firstDelivery(CONSUMER, envelope.id())) {
            return;
        }
        ViewEvent view = EventCodec.data(envelope, ViewEvent.class);
        entityManager
                .createNativeQuery(
                        "insert into stream_view_totals as t (stream_id, tenant_id, stream_type, joins,"
                                + " leaves, heartbeats, first_event_at, last_event_at)"
                                + " values (:stream, :tenant, :type, :joins, :leaves, :heartbeats, :at, :at)"
                                + " on conflict (stream_id) do update set"
                                + " joins = t.joins + excluded.joins,"
                                + " leaves = t.leaves + excluded.leaves,"
                                + " heartbeats = t.heartbeats + excluded.heartbeats,"
                                + " first_event_at = least(t.first_event_at, excluded.first_event_at),"
                                + " last_event_at = greatest(t.last_event_at, excluded.last_event_at)")
                .setParameter("stream", view.streamId())
                .setParameter("tenant", view.tenantId())
                .setParameter("type", view.streamType().name())
                .setParameter("joins", view.kind() == io.livelink.events.ViewKind.JOIN ? 1 : 0)
                .setParameter("leaves", view.kind() == io.livelink.events.ViewKind.LEAVE ? 1 : 0)
                .setParameter(
                        "heartbeats", view.kind() == io.livelink.events.ViewKind.HEARTBEAT ? 1 : 0)
                .setParameter("at", view.occurredAt())
                .executeUpdate();
        rollups.apply(envelope.id(), view);
    }
}
