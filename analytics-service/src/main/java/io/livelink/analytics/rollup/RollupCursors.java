package io.livelink.analytics.rollup;

import io.livelink.analytics.sql.ArrayStatements;
import io.livelink.analytics.sql.Column;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Where each stream's windows stand, kept in PostgreSQL so any instance closes any stream's windows
 * and a restart resumes where the last one stopped. {@code next_start} is the first window never
 * computed and only moves forward, as windows come due. An event for a window before it is a
 * correction: {@code correct_from} is the earliest such window, {@code corrected_since} and {@code
 * corrected_at} when the first and the latest such event arrived. Corrections are computed once
 * they settle (see {@link RollupSettings#correctionSettle()}), so a backlog that touches the same
 * windows batch after batch has them computed once rather than once per batch.
 */
@ApplicationScoped
public class RollupCursors {

    private final ArrayStatements sql;
    private final EntityManager entityManager;

    public RollupCursors(ArrayStatements sql, EntityManager entityManager) {
        this.sql = sql;
        this.entityManager = entityManager;
    }

    /** The earliest window of one stream that a batch of events touched. */
    public record Touched(String streamId, WindowSize size, String tenantId, Instant windowStart) {}

    /**
     * Records that a batch's events arrived for these windows: a stream without a cursor gets one
     * at its window; a window the closer has passed becomes (or widens) a correction. Must be the
     * last write of the consumer's transaction: the upsert waits for a closer holding the cursor
     * and then judges against where that closer left it, so no event is missed in between.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void touched(List<Touched> windows, Instant now) {
        if (windows.isEmpty()) {
            return;
        }
        // Key order, so that two transactions lock the same cursors in the same order.
        List<Touched> sorted =
                windows.stream()
                        .sorted(
                                Comparator.comparing(Touched::streamId)
                                        .thenComparing(Touched::size))
                        .toList();
        sql.update(
                "insert into rollup_cursor as c (stream_id, window_size, tenant_id, next_start)"
                        + " select * from unnest(?, ?, ?, cast(? as timestamptz[]))"
                        + " on conflict (stream_id, window_size) do update set"
                        + " correct_from = least(c.correct_from, excluded.next_start),"
                        + " corrected_since = coalesce(c.corrected_since, cast(? as timestamptz)),"
                        + " corrected_at = cast(? as timestamptz)"
                        + " where excluded.next_start < c.next_start",
                Column.text(sorted.stream().map(Touched::streamId).toList()),
                Column.text(sorted.stream().map(t -> t.size().name()).toList()),
                Column.text(sorted.stream().map(Touched::tenantId).toList()),
                Column.instants(sorted.stream().map(Touched::windowStart).toList()),
                now,
                now);
    }

    /**
     * A cursor with windows to compute now: from {@code nextStart} on, and from {@code correctFrom}
     * on as well when its correction has settled.
     */
    record Due(
            String streamId,
            String tenantId,
            Instant nextStart,
            Instant correctFrom,
            boolean settled) {

        /** Where this run's computation starts. */
        Instant from() {
            return settled && correctFrom.isBefore(nextStart) ? correctFrom : nextStart;
        }

        /** No correction is left once the windows up to {@code to} are computed. */
        boolean correctionDoneBy(Instant to) {
            return correctFrom == null || (settled && !to.isBefore(nextStart));
        }
    }

    /**
     * Locks up to {@code limit} cursors of this window size with windows due before {@code
     * closedUpTo}, skipping those another instance (or the consumer) holds.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    List<Due> lockDue(
            WindowSize size,
            Instant closedUpTo,
            Instant now,
            Duration settle,
            Duration maxDelay,
            int limit) {
        String settled =
                "(correct_from < :closedUpTo and (corrected_at <= :settledBefore or"
                        + " corrected_since <= :overdueBefore))";
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select stream_id, tenant_id, "
                                        + Rows.millis("next_start")
                                        + ", "
                                        + Rows.millis("correct_from")
                                        + ", "
                                        + settled
                                        + " from rollup_cursor where window_size = :size and"
                                        + " (next_start < :closedUpTo or "
                                        + settled
                                        + ") order by next_start limit :limit"
                                        + " for update skip locked")
                        .setParameter("size", size.name())
                        .setParameter("closedUpTo", closedUpTo)
                        .setParameter("settledBefore", now.minus(settle))
                        .setParameter("overdueBefore", now.minus(maxDelay))
                        .setParameter("limit", limit)
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Due(
                                        (String) r[0],
                                        (String) r[1],
                                        Rows.instant(r[2]),
                                        Rows.instant(r[3]),
                                        Boolean.TRUE.equals(r[4])))
                .toList();
    }

    /**
     * After windows [cursor.from(), computedUpTo) were computed: the windows never computed now
     * start at {@code computedUpTo} at the earliest, and a settled correction is done, or goes on
     * from there when this run did not reach its end.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void computed(Due cursor, WindowSize size, Instant computedUpTo) {
        Instant nextStart =
                computedUpTo.isAfter(cursor.nextStart()) ? computedUpTo : cursor.nextStart();
        boolean correctionDone = cursor.correctionDoneBy(computedUpTo);
        String correction =
                correctionDone
                        ? "correct_from = null, corrected_since = null, corrected_at = null"
                        : cursor.settled()
                                ? "correct_from = cast(:correctFrom as timestamptz)"
                                : "correct_from = correct_from";
        var update =
                entityManager
                        .createNativeQuery(
                                "update rollup_cursor set next_start = :nextStart, "
                                        + correction
                                        + " where stream_id = :stream and window_size = :size")
                        .setParameter("nextStart", nextStart)
                        .setParameter("stream", cursor.streamId())
                        .setParameter("size", size.name());
        if (!correctionDone && cursor.settled()) {
            update.setParameter("correctFrom", computedUpTo);
        }
        update.executeUpdate();
    }

    /**
     * Forgets a quiet stream's cursor; its next event (or a late one within grace) brings it back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void drop(String streamId, WindowSize size) {
        entityManager
                .createNativeQuery(
                        "delete from rollup_cursor where stream_id = :stream and window_size ="
                                + " :size")
                .setParameter("stream", streamId)
                .setParameter("size", size.name())
                .executeUpdate();
    }
}
