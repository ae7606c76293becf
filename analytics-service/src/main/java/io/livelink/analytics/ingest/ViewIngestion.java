package io.livelink.analytics.ingest;

import io.livelink.analytics.ingest.IngestRows.FirstJoinMove;
import io.livelink.analytics.ingest.IngestRows.NewSessionFacts;
import io.livelink.analytics.ingest.IngestRows.ReceivedView;
import io.livelink.analytics.rollup.RollupCursors;
import io.livelink.analytics.rollup.RollupSettings;
import io.livelink.analytics.rollup.WindowSize;
import io.livelink.analytics.session.SessionLifecycle;
import io.livelink.events.StreamType;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies a batch of view events in the consumer's transaction, folded in memory first ({@link
 * BatchFold}): one row per session, per viewer's first join, per touched window and per stream, one
 * statement per table. Sessions are keyed rows (copied in when new, else upserted), and what counts
 * in a window (a session's JOIN and LEAVE, a viewer's first join) counts the first time the
 * database records it, so a duplicated view changes nothing. An event whose window ended more than
 * the grace period ago is not applied: it is kept in {@code late_view_event} and counted in the
 * metric {@code livelink.analytics.late.events.ignored}.
 */
@ApplicationScoped
@Startup // its late-event counter exists from the start, so alerts and dashboards see a 0
public class ViewIngestion {

    private final IngestStatements statements;
    private final SessionLifecycle lifecycle;
    private final RollupCursors cursors;
    private final RollupSettings settings;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    private final Counter ignoredLate;

    public ViewIngestion(
            IngestStatements statements,
            SessionLifecycle lifecycle,
            RollupCursors cursors,
            RollupSettings settings,
            TransactionSynchronizationRegistry transactions,
            Clock clock,
            MeterRegistry metrics) {
        this.statements = statements;
        this.lifecycle = lifecycle;
        this.cursors = cursors;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
        this.ignoredLate = metrics.counter("livelink.analytics.late.events.ignored");
    }

    /** Applies the events of a batch (each event id once; the caller dropped repeats). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<ReceivedView> views) {
        // First, so a revocation or departure being recorded cannot miss this batch's sessions
        // nor be missed by them.
        lifecycle.holdFactsStill();
        Instant now = clock.instant();
        List<ViewEvent> ofSessions = new ArrayList<>();
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
            touched.merge(
                    view.streamId() + "/" + size.get(),
                    new RollupCursors.Touched(
                            view.streamId(), size.get(), view.tenantId(), windowStart, windowStart),
                    RollupCursors.Touched::widen);
        }
        List<NewSessionFacts> facts = statements.recordSessions(BatchFold.sessions(ofSessions));
        endWhatRevocationsEnded(ofSessions);
        List<FirstJoinMove> moves = statements.upsertFirstJoins(BatchFold.firstJoins(ofSessions));
        BatchFold.WindowCounts counts = BatchFold.counts(facts, moves);
        statements.addSecondCounts(counts.seconds());
        statements.addMinuteCounts(counts.minutes());
        tooLate.removeAll(statements.joinsAlreadyApplied(tooLate));
        Set<String> setAside = statements.setAsideTooLate(tooLate, now);
        countWhenCommitted(tooLate.size());
        statements.addTotals(
                BatchFold.totals(
                        views.stream().map(ReceivedView::view).toList(),
                        facts,
                        tooLate.stream()
                                .filter(r -> setAside.contains(r.eventId()))
                                .map(ReceivedView::view)
                                .toList()));
        cursors.touched(new ArrayList<>(touched.values()), now);
    }

    /**
     * Sessions of links revoked, or of members who left, before their events arrived here (a
     * resolve racing the revocation) end as the revocation says; only the batch's own sessions can
     * be such, so only the day partitions of their openings are read.
     */
    private void endWhatRevocationsEnded(List<ViewEvent> views) {
        if (views.isEmpty()) {
            return;
        }
        Set<String> links = new TreeSet<>();
        Map<String, Set<String>> membersByTenant = new TreeMap<>();
        for (ViewEvent view : views) {
            if (view.linkId() != null) {
                links.add(view.linkId());
            }
            if (view.streamType() == StreamType.ENTERPRISE) {
                membersByTenant
                        .computeIfAbsent(view.tenantId(), t -> new TreeSet<>())
                        .add(view.viewerId());
            }
        }
        SessionLifecycle.Openings openings =
                SessionLifecycle.Openings.spanning(
                        views.stream().map(BatchFold::openedAt).toList());
        lifecycle.endRevoked(links, openings);
        membersByTenant.forEach(
                (tenant, members) -> lifecycle.endDeparted(tenant, members, openings));
    }

    private void countWhenCommitted(int count) {
        if (count == 0) {
            return;
        }
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
