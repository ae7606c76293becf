package io.livelink.analytics.rollup;

import io.livelink.analytics.session.ViewSessions;
import io.livelink.events.ViewEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies one view event to what the rollups are computed from, in the consumer's transaction (so
 * together with its processed-event mark). An event whose window ended more than the grace period
 * ago is not applied: it is kept in {@code late_view_event} and counted in the metric {@code
 * livelink.analytics.late.events.ignored}.
 */
@ApplicationScoped
public class ViewIngestion {

    private final ViewSessions sessions;
    private final RollupCursors cursors;
    private final RollupSettings settings;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Counter ignoredLate;

    public ViewIngestion(
            ViewSessions sessions,
            RollupCursors cursors,
            RollupSettings settings,
            EntityManager entityManager,
            Clock clock,
            MeterRegistry metrics) {
        this.sessions = sessions;
        this.cursors = cursors;
        this.settings = settings;
        this.entityManager = entityManager;
        this.clock = clock;
        this.ignoredLate = metrics.counter("livelink.analytics.late.events.ignored");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String eventId, ViewEvent view) {
        Optional<WindowSize> size = WindowSize.of(view.streamType());
        if (size.isEmpty()) {
            // Daily rollups are generated from the sessions the next day (or on demand).
            sessions.record(view);
            return;
        }
        Instant windowStart = size.get().startOf(view.occurredAt());
        Instant now = clock.instant();
        if (windowStart.plus(size.get().length()).plus(settings.grace()).isBefore(now)) {
            setAsideTooLate(eventId, view, now);
            return;
        }
        sessions.record(view);
        sessions.recordEvent(eventId, view);
        cursors.needsWindow(view.streamId(), size.get(), view.tenantId(), windowStart);
    }

    private void setAsideTooLate(String eventId, ViewEvent view, Instant now) {
        entityManager
                .createNativeQuery(
                        "insert into late_view_event (event_id, stream_id, tenant_id, occurred_at,"
                                + " received_at) values (:id, :stream, :tenant, :at, :now)"
                                + " on conflict do nothing")
                .setParameter("id", eventId)
                .setParameter("stream", view.streamId())
                .setParameter("tenant", view.tenantId())
                .setParameter("at", view.occurredAt())
                .setParameter("now", now)
                .executeUpdate();
        ignoredLate.increment();
    }
}
