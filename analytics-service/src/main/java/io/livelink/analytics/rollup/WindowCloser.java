package io.livelink.analytics.rollup;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Closes windows on wall-clock time (the injected clock), so an idle stream's last window is
 * published without waiting for its next event. Cursors are locked with {@code skip locked}: with
 * several instances each stream is closed by one of them at a time.
 */
@ApplicationScoped
public class WindowCloser {

    private static final int CURSORS_PER_TRANSACTION = 50;

    private final EntityManager entityManager;
    private final RollupSettings settings;
    private final Clock clock;
    private final Instance<WindowRollup> rollups;

    public WindowCloser(
            EntityManager entityManager,
            RollupSettings settings,
            Clock clock,
            Instance<WindowRollup> rollups) {
        this.entityManager = entityManager;
        this.settings = settings;
        this.clock = clock;
        this.rollups = rollups;
    }

    @Scheduled(
            every = "${livelink.analytics.rollups.close-every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        closeDueWindows();
    }

    /** Closes every window that is due now; returns how many cursors it moved. */
    public int closeDueWindows() {
        int moved = 0;
        for (WindowRollup rollup : rollups) {
            int batch;
            do {
                batch = closeBatch(rollup);
                moved += batch;
            } while (batch == CURSORS_PER_TRANSACTION);
        }
        return moved;
    }

    @Transactional
    int closeBatch(WindowRollup rollup) {
        WindowSize size = rollup.size();
        Instant now = clock.instant();
        // The end of the last window that is complete, its close delay included.
        Instant closedUpTo = size.startOf(now.minus(settings.closeDelay(size)));
        @SuppressWarnings("unchecked")
        List<Object[]> due =
                entityManager
                        .createNativeQuery(
                                "select stream_id, tenant_id, "
                                        + Rows.millis("next_start")
                                        + " from rollup_cursor where window_size = :size"
                                        + " and next_start < :closedUpTo order by next_start"
                                        + " limit :limit for update skip locked")
                        .setParameter("size", size.name())
                        .setParameter("closedUpTo", closedUpTo)
                        .setParameter("limit", CURSORS_PER_TRANSACTION)
                        .getResultList();
        for (Object[] cursor : due) {
            String streamId = (String) cursor[0];
            String tenantId = (String) cursor[1];
            Instant from = Rows.instant(cursor[2]);
            Instant to = closedUpTo;
            Instant cap = from.plus(size.length().multipliedBy(settings.maxWindowsPerRun()));
            if (to.isAfter(cap)) {
                to = cap;
            }
            rollup.compute(streamId, tenantId, from, to);
            advance(streamId, size, to);
        }
        return due.size();
    }

    /**
     * Moves the cursor to {@code to}, or drops it when the stream has gone quiet: nobody watching
     * and no event after it. The next event (or a late one within grace) brings it back.
     */
    private void advance(String streamId, WindowSize size, Instant to) {
        Number stillActive =
                (Number)
                        entityManager
                                .createNativeQuery(
                                        "select (select count(*) from view_session where stream_id"
                                                + " = :stream and coalesce(ended_at, last_seen_at +"
                                                + " :timeout * interval '1 second') > :to) + (select"
                                                + " count(*) from view_event where stream_id ="
                                                + " :stream and occurred_at >= :to)")
                                .setParameter("stream", streamId)
                                .setParameter("timeout", settings.sessionTimeout().toSeconds())
                                .setParameter("to", to)
                                .getSingleResult();
        if (stillActive.longValue() > 0) {
            entityManager
                    .createNativeQuery(
                            "update rollup_cursor set next_start = :to where stream_id = :stream"
                                    + " and window_size = :size")
                    .setParameter("to", to)
                    .setParameter("stream", streamId)
                    .setParameter("size", size.name())
                    .executeUpdate();
        } else {
            entityManager
                    .createNativeQuery(
                            "delete from rollup_cursor where stream_id = :stream and window_size ="
                                    + " :size")
                    .setParameter("stream", streamId)
                    .setParameter("size", size.name())
                    .executeUpdate();
        }
    }
}
