package io.livelink.analytics.rollup;

import io.livelink.analytics.session.SessionLifecycle;
import io.livelink.analytics.session.ViewSessions;
import io.livelink.analytics.sql.ArrayStatements;
import io.livelink.analytics.sql.Column;
import io.livelink.events.ViewEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a batch of view events to what the rollups are computed from, in the consumer's
 * transaction (so together with their processed-event marks), one statement per table. An event
 * whose window ended more than the grace period ago is not applied: it is kept in {@code
 * late_view_event} and counted in the metric {@code livelink.analytics.late.events.ignored}.
 */
@ApplicationScoped
@Startup // its late-event counter exists from the start, so alerts and dashboards see a 0
public class ViewIngestion {

    /** A view event with the id of its envelope, which deduplication and the rollups key on. */
    public record ReceivedView(String eventId, ViewEvent view) {}

    private final ViewSessions sessions;
    private final SessionLifecycle lifecycle;
    private final RollupCursors cursors;
    private final RollupSettings settings;
    private final ArrayStatements sql;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    private final Counter ignoredLate;

    public ViewIngestion(
            ViewSessions sessions,
            SessionLifecycle lifecycle,
            RollupCursors cursors,
            RollupSettings settings,
            ArrayStatements sql,
            TransactionSynchronizationRegistry transactions,
            Clock clock,
            MeterRegistry metrics) {
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.cursors = cursors;
        this.settings = settings;
        this.sql = sql;
        this.transactions = transactions;
        this.clock = clock;
        this.ignoredLate = metrics.counter("livelink.analytics.late.events.ignored");
    }

    /** Applies events seen for the first time (the caller has marked them processed). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<ReceivedView> views) {
        Instant now = clock.instant();
        List<ViewEvent> ofSessions = new ArrayList<>();
        Map<String, ViewEvent> windowed = new LinkedHashMap<>();
        Map<String, RollupCursors.Touched> touched = new LinkedHashMap<>();
        List<ReceivedView> tooLate = new ArrayList<>();
        for (ReceivedView received : views) {
            ViewEvent view = received.view();
            Optional<WindowSize> size = WindowSize.of(view.streamType());
            if (size.isEmpty()) {
                // Daily rollups are generated from the sessions the next day (or on demand).
                ofSessions.add(view);
                continue;
            }
            Instant windowStart = size.get().startOf(view.occurredAt());
            if (windowStart.plus(size.get().length()).plus(settings.grace()).isBefore(now)) {
                tooLate.add(received);
                continue;
            }
            ofSessions.add(view);
            windowed.put(received.eventId(), view);
            touched.merge(
                    view.streamId() + "/" + size.get(),
                    new RollupCursors.Touched(
                            view.streamId(), size.get(), view.tenantId(), windowStart, windowStart),
                    RollupCursors.Touched::widen);
        }
        sessions.record(ofSessions);
        endWhatRevocationsEnded(ofSessions);
        sessions.recordEvents(windowed);
        setAsideTooLate(tooLate, now);
        cursors.touched(new ArrayList<>(touched.values()), now);
    }

    /**
     * Sessions of links revoked, or of members who left, before their events arrived here (a
     * resolve racing the revocation) end as the revocation says.
     */
    private void endWhatRevocationsEnded(List<ViewEvent> views) {
        java.util.Set<String> links = new java.util.TreeSet<>();
        Map<String, java.util.Set<String>> membersByTenant = new java.util.TreeMap<>();
        for (ViewEvent view : views) {
            if (view.linkId() != null) {
                links.add(view.linkId());
            }
            if (view.streamType() == io.livelink.events.StreamType.ENTERPRISE) {
                membersByTenant
                        .computeIfAbsent(view.tenantId(), t -> new java.util.TreeSet<>())
                        .add(view.viewerId());
            }
        }
        lifecycle.endRevoked(links);
        membersByTenant.forEach(lifecycle::endDeparted);
    }

    private void setAsideTooLate(List<ReceivedView> tooLate, Instant now) {
        if (tooLate.isEmpty()) {
            return;
        }
        sql.update(
                "insert into late_view_event (event_id, stream_id, tenant_id, occurred_at,"
                        + " received_at) select id, stream, tenant, at, cast(? as timestamptz)"
                        + " from unnest(?, ?, ?, cast(? as timestamptz[])) as u(id, stream, tenant,"
                        + " at) order by id on conflict do nothing",
                now,
                Column.text(tooLate.stream().map(ReceivedView::eventId).toList()),
                Column.text(tooLate.stream().map(r -> r.view().streamId()).toList()),
                Column.text(tooLate.stream().map(r -> r.view().tenantId()).toList()),
                Column.instants(tooLate.stream().map(r -> r.view().occurredAt()).toList()));
        int count = tooLate.size();
        transactions.registerInterposedSynchronization(
                new Synchronization() {
                    @Override
                    public void beforeCompletion() {}

                    @Override
                    public void afterCompletion(int status) {
                        if (status == Status.STATUS_COMMITTED) {
                            ignoredLate.increment(count);
                        }
                    }
                });
    }
}
