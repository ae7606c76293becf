package io.livelink.analytics.rollup;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes windows on wall-clock time (the injected clock), so an idle stream's last window is
 * published without waiting for its next event. Each run first folds in what consumers touched,
 * then computes each due cursor's windows in one go (a few set-based queries per stream, not per
 * window), one stream per transaction. Cursors are locked with {@code skip locked}: with several
 * instances each stream is closed by one of them at a time.
 */
@ApplicationScoped
public class WindowCloser {

    private static final long MIN_PAUSE_MILLIS = 10;

    private final EntityManager entityManager;
    private final RollupCursors cursors;
    private final RollupSettings settings;
    private final Clock clock;
    private final Instance<WindowRollup> rollups;
    // Its own thread rather than @Scheduled: the scheduler's granularity is a second, and a second
    // should close when it comes due, not up to a second later.
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread thread = new Thread(r, "window-closer");
                        thread.setDaemon(true);
                        return thread;
                    });

    public WindowCloser(
            EntityManager entityManager,
            RollupCursors cursors,
            RollupSettings settings,
            Clock clock,
            Instance<WindowRollup> rollups) {
        this.entityManager = entityManager;
        this.cursors = cursors;
        this.settings = settings;
        this.clock = clock;
        this.rollups = rollups;
    }

    void start(@Observes StartupEvent started) {
        timer.execute(this::closeAndReschedule);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        timer.shutdownNow();
    }

    private void closeAndReschedule() {
        try {
            closeDueWindows();
        } catch (RuntimeException e) {
            Log.warnf("closing windows failed, will try again: %s", e.toString());
        } finally {
            if (!timer.isShutdown()) {
                timer.schedule(this::closeAndReschedule, untilNextRun(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Milliseconds until the next second comes due by the clock, so that it is computed as soon as
     * its close delay has passed, but at most {@code close-every} (minutes, corrections) and at
     * least a few, should the clock stand still.
     */
    long untilNextRun() {
        Instant now = clock.instant();
        Instant nextDue =
                settings.closedUpTo(WindowSize.SECOND, now)
                        .plus(WindowSize.SECOND.length())
                        .plus(settings.closeDelay(WindowSize.SECOND));
        long millis = Duration.between(now, nextDue).toMillis() + 1;
        return Math.max(MIN_PAUSE_MILLIS, Math.min(millis, settings.closeEvery().toMillis()));
    }

    /** Closes every window that is due now; returns how many cursors it moved. */
    public int closeDueWindows() {
        QuarkusTransaction.requiringNew().run(cursors::mergeTouched);
        int moved = 0;
        for (WindowRollup rollup : rollups) {
            WindowSize size = rollup.size();
            List<String> due =
                    QuarkusTransaction.requiringNew()
                            .call(
                                    () -> {
                                        Instant now = clock.instant();
                                        return cursors.dueStreams(
                                                size,
                                                settings.closedUpTo(size, now),
                                                now,
                                                settings);
                                    });
            for (String streamId : due) {
                if (closeStream(rollup, streamId)) {
                    moved++;
                }
            }
        }
        return moved;
    }

    /**
     * Computes the stream's due windows in a transaction of its own, unless another instance holds
     * its cursor or it is no longer due; answers whether it did. Short transactions matter beyond
     * this one: while any transaction is open, PostgreSQL keeps every row version it might still
     * see, so the versions heartbeats leave behind cannot be pruned and the next heartbeats find no
     * room on their page. Closing 25 streams per transaction held transactions open for 3-10 s in a
     * backlog.
     */
    @Transactional
    boolean closeStream(WindowRollup rollup, String streamId) {
        WindowSize size = rollup.size();
        Instant now = clock.instant();
        Instant closedUpTo = settings.closedUpTo(size, now);
        Optional<RollupCursors.Due> due =
                cursors.lockIfDue(size, streamId, closedUpTo, now, settings);
        if (due.isEmpty()) {
            return false;
        }
        RollupCursors.Due cursor = due.get();
        Instant from = cursor.from();
        Instant to = cursor.to();
        Instant cap = from.plus(size.length().multipliedBy(settings.maxWindowsPerRun()));
        if (to.isAfter(cap)) {
            to = cap;
        }
        if (from.isBefore(to)) {
            rollup.compute(cursor.streamId(), cursor.tenantId(), from, to);
        }
        cursors.computed(cursor, size, to);
        if (cursor.correctionDoneBy(to) && isQuiet(cursor.streamId(), to)) {
            cursors.drop(cursor.streamId(), size);
        }
        return true;
    }

    /**
     * Nobody is watching the stream after {@code to} and no event of it came after: its cursor can
     * go. The next event (or a late one within grace) brings it back.
     */
    boolean isQuiet(String streamId, Instant to) {
        // Present after :to, or seen after it (open sessions are indexed by stream, ended ones by
        // end apart by how they ended, V13/V14). The cheapest proof comes first: in a stream still
        // watched some session left after :to, the first entry of an index range; one silence
        // ended is present until the timeout after its end. Sessions opened after :to count too
        // (they show events after it), so only the openings too old to be present are left out.
        // A session that left before :to but was seen after it (a heartbeat racing its LEAVE) is
        // looked for last; one seen after :to but ended a timeout before it (heartbeats racing a
        // revocation) is not: a stream judged quiet too early only has its cursor brought back by
        // its next event.
        String session = "select 1 from view_session where stream_id = :stream and ";
        String recent = " and opened_at > :openedAfter";
        String timeoutBeforeTo = WindowSessions.minusTimeout(":to");
        Boolean active =
                (Boolean)
                        entityManager
                                .createNativeQuery(
                                        "select exists ("
                                                + session
                                                + WindowSessions.LEFT
                                                + " and ended_at > :to"
                                                + recent
                                                + ") or exists ("
                                                + session
                                                + WindowSessions.SILENT
                                                + " and ended_at > "
                                                + timeoutBeforeTo
                                                + recent
                                                + ") or exists ("
                                                + session
                                                + "ended_at is null and last_seen_at > "
                                                + timeoutBeforeTo
                                                + recent
                                                + ") or exists ("
                                                + session
                                                + WindowSessions.LEFT
                                                + " and ended_at > "
                                                + timeoutBeforeTo
                                                + " and ended_at <= :to and last_seen_at >= :to"
                                                + recent
                                                + ")")
                                .setParameter("stream", streamId)
                                .setParameter("to", to)
                                .setParameter("timeout", settings.sessionTimeout().toSeconds())
                                .setParameter("openedAfter", to.minus(settings.sessionMaxAge()))
                                .getSingleResult();
        return !Boolean.TRUE.equals(active);
    }
}
