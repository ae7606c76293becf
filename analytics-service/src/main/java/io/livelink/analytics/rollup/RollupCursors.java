package io.livelink.analytics.rollup;

import io.livelink.commons.sql.ArrayStatements;
import io.livelink.commons.sql.Column;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where each stream's windows stand, kept in PostgreSQL so any instance closes any stream's windows
 * and a restart resumes where the last one stopped. {@code next_start} is the first window never
 * computed and only moves forward, as windows come due. An event for a window before it is a
 * correction: {@code correct_from} is the earliest such window, {@code corrected_since} and {@code
 * corrected_at} when the first and the latest such event arrived. Consumers only append what they
 * touched ({@code rollup_touch}); the closer folds it in. Corrections are computed once they settle
 * (see {@link RollupSettings#correctionSettle()}), so a backlog that touches the same windows batch
 * after batch has them computed once rather than once per batch. {@code event_watermark} is the
 * latest window the stream's events reached and {@code last_event_arrived_at} when the latest of
 * them arrived: while events keep arriving, windows close no later than the watermark (see {@link
 * RollupSettings#closeOnClockAfter()}).
 */
@ApplicationScoped
public class RollupCursors {

    private final ArrayStatements sql;
    private final EntityManager entityManager;

    public RollupCursors(ArrayStatements sql, EntityManager entityManager) {
        this.sql = sql;
        this.entityManager = entityManager;
    }

    /** The earliest and the latest window of one stream that a batch of events touched. */
    public record Touched(
            String streamId,
            WindowSize size,
            String tenantId,
            Instant earliestWindowStart,
            Instant latestWindowStart) {

        /** The same stream's touches of two events, as one. */
        public Touched widen(Touched other) {
            return new Touched(
                    streamId,
                    size,
                    tenantId,
                    other.earliestWindowStart.isBefore(earliestWindowStart)
                            ? other.earliestWindowStart
                            : earliestWindowStart,
                    other.latestWindowStart.isAfter(latestWindowStart)
                            ? other.latestWindowStart
                            : latestWindowStart);
        }
    }

    /**
     * Records, in the consumer's transaction, that its events arrived for these windows. Only
     * appended: the closer merges them ({@link #mergeTouched()}), so ingestion never waits for a
     * closer that holds a cursor.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void touched(List<Touched> windows, Instant now) {
        if (windows.isEmpty()) {
            return;
        }
        sql.update(
                "insert into rollup_touch (stream_id, window_size, tenant_id, window_start,"
                        + " latest_window_start, touched_at) select u.*, cast(? as timestamptz)"
                        + " from unnest(?, ?, ?, cast(? as timestamptz[]), cast(? as"
                        + " timestamptz[])) as u",
                now,
                Column.text(windows.stream().map(Touched::streamId).toList()),
                Column.text(windows.stream().map(t -> t.size().name()).toList()),
                Column.text(windows.stream().map(Touched::tenantId).toList()),
                Column.instants(windows.stream().map(Touched::earliestWindowStart).toList()),
                Column.instants(windows.stream().map(Touched::latestWindowStart).toList()));
    }

    /**
     * Folds the touches committed so far into the cursors: a stream without a cursor gets one at
     * its earliest window; a window the closer has already passed becomes (or widens) a correction,
     * stamped with when its events arrived; the watermark moves to the latest window reached. A
     * touch committed after this statement, even for a window computed meanwhile, waits for the
     * next merge, so no event is ever missed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void mergeTouched() {
        // A new cursor's corrected_since/at carry the touch times only to be read here; they mean
        // nothing while correct_from is null. Cursors in key order: merges of two instances lock
        // alike.
        entityManager
                .createNativeQuery(
                        "with touched as (delete from rollup_touch returning *), earliest as"
                                + " (select stream_id, window_size, min(tenant_id) as tenant_id,"
                                + " min(window_start) as window_start, max(latest_window_start) as"
                                + " latest, min(touched_at) as first_at, max(touched_at) as last_at"
                                + " from touched group by stream_id, window_size)"
                                + " insert into rollup_cursor as c (stream_id, window_size,"
                                + " tenant_id, next_start, corrected_since, corrected_at,"
                                + " event_watermark, last_event_arrived_at)"
                                + " select stream_id, window_size, tenant_id, window_start,"
                                + " first_at, last_at, latest, last_at from earliest"
                                + " order by stream_id, window_size"
                                + " on conflict (stream_id, window_size) do update set"
                                + " event_watermark = greatest(c.event_watermark,"
                                + " excluded.event_watermark),"
                                + " last_event_arrived_at = greatest(c.last_event_arrived_at,"
                                + " excluded.last_event_arrived_at),"
                                + " correct_from = case when excluded.next_start < c.next_start"
                                + " then least(c.correct_from, excluded.next_start)"
                                + " else c.correct_from end,"
                                + " corrected_since = case when excluded.next_start < c.next_start"
                                + " and c.correct_from is null then excluded.corrected_since"
                                + " else c.corrected_since end,"
                                + " corrected_at = case when excluded.next_start >= c.next_start"
                                + " then c.corrected_at when c.correct_from is null then"
                                + " excluded.corrected_at else greatest(c.corrected_at,"
                                + " excluded.corrected_at) end")
                .executeUpdate();
    }

    /**
     * A cursor with windows to compute now: from {@code nextStart} on, up to {@code closableUpTo}
     * (the clock's bound, or the event watermark while a backlog's events arrive), and from {@code
     * correctFrom} on as well when its correction has settled.
     */
    record Due(
            String streamId,
            String tenantId,
            Instant nextStart,
            Instant correctFrom,
            boolean settled,
            Instant closableUpTo) {

        /** Where this run's computation starts. */
        Instant from() {
            return settled && correctFrom.isBefore(nextStart) ? correctFrom : nextStart;
        }

        /**
         * Where it ends: at the closable bound, but a settled correction always reaches {@code
         * nextStart}, as those windows were computed once already.
         */
        Instant to() {
            return settled && closableUpTo.isBefore(nextStart) ? nextStart : closableUpTo;
        }

        /** No correction is left once the windows up to {@code to} are computed. */
        boolean correctionDoneBy(Instant to) {
            return correctFrom == null || (settled && !to.isBefore(nextStart));
        }
    }

    /** A correction settled: no event came for a while, or it has waited long enough. */
    private static final String SETTLED =
            "(correct_from < :closedUpTo and (corrected_at <= :settledBefore or"
                    + " corrected_since <= :overdueBefore))";

    /**
     * How far a cursor's windows can close: up to {@code closedUpTo}, but, while its events still
     * arrive, no further than its event watermark. least() ignores nulls: a cursor without a
     * watermark closes on the clock.
     */
    private static final String CLOSABLE =
            "(case when last_event_arrived_at > :arrivalsStoppedBefore and event_watermark"
                    + " < :liveFrom then least(cast(:closedUpTo as timestamptz),"
                    + " event_watermark)"
                    + " else cast(:closedUpTo as timestamptz) end)";

    private static final String DUE = "(next_start < " + CLOSABLE + " or " + SETTLED + ")";

    /**
     * The streams whose cursor of this window size has windows due before {@code closedUpTo}, the
     * one due first first. Read without locks, once per run: the closer then takes each in a
     * transaction of its own ({@link #lockIfDue}), so a run closes each stream at most once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    List<String> dueStreams(
            WindowSize size, Instant closedUpTo, Instant now, RollupSettings settings) {
        return withDueParameters(
                        entityManager.createNativeQuery(
                                "select stream_id from rollup_cursor where window_size = :size"
                                        + " and "
                                        + DUE
                                        + " order by next_start"),
                        size,
                        closedUpTo,
                        now,
                        settings)
                .getResultList();
    }

    /**
     * Locks the stream's cursor of this window size if it is (still) due, unless another instance
     * (or the consumer) holds it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    Optional<Due> lockIfDue(
            WindowSize size,
            String streamId,
            Instant closedUpTo,
            Instant now,
            RollupSettings settings) {
        List<Object[]> rows =
                withDueParameters(
                                entityManager.createNativeQuery(
                                        "select stream_id, tenant_id, "
                                                + Rows.millis("next_start")
                                                + ", "
                                                + Rows.millis("correct_from")
                                                + ", "
                                                + SETTLED
                                                + ", "
                                                + Rows.millis(CLOSABLE)
                                                + " from rollup_cursor where window_size = :size"
                                                + " and stream_id = :stream and "
                                                + DUE
                                                + " for update skip locked"),
                                size,
                                closedUpTo,
                                now,
                                settings)
                        .setParameter("stream", streamId)
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Due(
                                        (String) r[0],
                                        (String) r[1],
                                        Rows.instant(r[2]),
                                        Rows.instant(r[3]),
                                        Boolean.TRUE.equals(r[4]),
                                        Rows.instant(r[5])))
                .findFirst();
    }

    private static Query withDueParameters(
            Query query,
            WindowSize size,
            Instant closedUpTo,
            Instant now,
            RollupSettings settings) {
        return query.setParameter("size", size.name())
                .setParameter("closedUpTo", closedUpTo)
                .setParameter("settledBefore", now.minus(settings.correctionSettle()))
                .setParameter("overdueBefore", now.minus(settings.correctionMaxDelay()))
                .setParameter("arrivalsStoppedBefore", now.minus(settings.closeOnClockAfter()))
                .setParameter("liveFrom", closedUpTo.minus(settings.liveLag()));
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
