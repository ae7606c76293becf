package io.livelink.analytics.rollup.second;

import io.livelink.analytics.rollup.Rows;
import io.livelink.analytics.rollup.WindowMath;
import io.livelink.analytics.rollup.WindowRollup;
import io.livelink.analytics.rollup.WindowSessions;
import io.livelink.analytics.rollup.WindowSize;
import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.sql.ArrayStatements;
import io.livelink.commons.sql.Column;
import io.livelink.events.StreamSecondRollup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-second rollup of MINI_PROGRAM streams. A viewer counts as concurrent at a second's end when
 * their session started before it and had not ended by it (LEAVE, or no sign of life for the
 * session timeout).
 *
 * <p>A range of seconds is computed at once: joins and leaves grouped per second, first joins
 * grouped per second, and the sessions that may be present in the range, swept in memory. Only the
 * seconds whose figures changed are stored (one statement) and published; a second that was
 * published with viewers and is corrected to none is stored and published as an explicit all-zero
 * row with a higher revision, so nobody keeps the stale figures.
 */
@ApplicationScoped
public class SecondRollups implements WindowRollup {

    private final EntityManager entityManager;
    private final ArrayStatements sql;
    private final WindowSessions sessions;
    private final EventPublisher publisher;
    private final Clock clock;

    public SecondRollups(
            EntityManager entityManager,
            ArrayStatements sql,
            WindowSessions sessions,
            EventPublisher publisher,
            Clock clock) {
        this.entityManager = entityManager;
        this.sql = sql;
        this.sessions = sessions;
        this.publisher = publisher;
        this.clock = clock;
    }

    private record Figures(long concurrent, long joins, long leaves, long newViewers) {
        boolean empty() {
            return concurrent == 0 && joins == 0 && leaves == 0 && newViewers == 0;
        }
    }

    private record Stored(Figures figures, int revision) {}

    @Override
    public WindowSize size() {
        return WindowSize.SECOND;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void compute(String streamId, String tenantId, Instant from, Instant to) {
        int count = (int) (to.getEpochSecond() - from.getEpochSecond());
        long[] joins = new long[count];
        long[] leaves = new long[count];
        long[] newViewers = new long[count];
        for (Object[] row : grouped(streamId, from, to, COUNTS_PER_SECOND)) {
            int i = index(from, row[0]);
            joins[i] = Rows.count(row[1]);
            leaves[i] = Rows.count(row[2]);
            newViewers[i] = Rows.count(row[3]);
        }
        long[] concurrent =
                WindowMath.concurrentAtEnds(sessions.present(streamId, from, to), from, count);

        Map<Instant, Stored> stored = stored(streamId, from, to);
        List<Instant> seconds = new ArrayList<>();
        List<Figures> figures = new ArrayList<>();
        List<Integer> revisions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant second = from.plusSeconds(i);
            Figures computed = new Figures(concurrent[i], joins[i], leaves[i], newViewers[i]);
            Stored before = stored.get(second);
            if (before == null ? computed.empty() : before.figures().equals(computed)) {
                continue;
            }
            seconds.add(second);
            figures.add(computed);
            revisions.add(before == null ? 1 : before.revision() + 1);
        }
        if (seconds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        store(streamId, tenantId, seconds, figures, revisions, now);
        List<StreamSecondRollup> rollups = new ArrayList<>(seconds.size());
        for (int i = 0; i < seconds.size(); i++) {
            Figures f = figures.get(i);
            rollups.add(
                    new StreamSecondRollup(
                            streamId,
                            tenantId,
                            seconds.get(i),
                            f.concurrent(),
                            f.joins(),
                            f.leaves(),
                            f.newViewers(),
                            revisions.get(i),
                            now));
        }
        publisher.publishAll(rollups);
    }

    /** What ingestion counted per second: joins, leaves, first joins of viewers. */
    private static final String COUNTS_PER_SECOND =
            "select cast(extract(epoch from second) as bigint), joins, leaves, new_viewers from"
                    + " stream_second_count where stream_id = :stream and second >= :from and"
                    + " second < :to";

    @SuppressWarnings("unchecked")
    private List<Object[]> grouped(String streamId, Instant from, Instant to, String query) {
        return entityManager
                .createNativeQuery(query)
                .setParameter("stream", streamId)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
    }

    private static int index(Instant from, Object epochSecond) {
        return (int) (((Number) epochSecond).longValue() - from.getEpochSecond());
    }

    @SuppressWarnings("unchecked")
    private Map<Instant, Stored> stored(String streamId, Instant from, Instant to) {
        Map<Instant, Stored> stored = new HashMap<>();
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select "
                                        + Rows.millis("second")
                                        + ", concurrent_viewers, joins, leaves, new_unique_viewers,"
                                        + " revision from stream_second where stream_id = :stream"
                                        + " and second >= :from and second < :to")
                        .setParameter("stream", streamId)
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getResultList();
        for (Object[] row : rows) {
            stored.put(
                    Rows.instant(row[0]),
                    new Stored(
                            new Figures(
                                    Rows.count(row[1]),
                                    Rows.count(row[2]),
                                    Rows.count(row[3]),
                                    Rows.count(row[4])),
                            ((Number) row[5]).intValue()));
        }
        return stored;
    }

    private void store(
            String streamId,
            String tenantId,
            List<Instant> seconds,
            List<Figures> figures,
            List<Integer> revisions,
            Instant now) {
        sql.update(
                "insert into stream_second (stream_id, second, tenant_id, concurrent_viewers,"
                        + " joins, leaves, new_unique_viewers, revision, computed_at)"
                        + " select ?, u.second, ?, u.concurrent, u.joins, u.leaves, u.new_viewers,"
                        + " u.revision, cast(? as timestamptz) from unnest(cast(? as"
                        + " timestamptz[]), ?, ?, ?, ?, ?) as u(second, concurrent, joins, leaves,"
                        + " new_viewers, revision) on conflict (stream_id, second) do update set"
                        + " concurrent_viewers = excluded.concurrent_viewers,"
                        + " joins = excluded.joins, leaves = excluded.leaves,"
                        + " new_unique_viewers = excluded.new_unique_viewers,"
                        + " revision = excluded.revision, computed_at = excluded.computed_at",
                streamId,
                tenantId,
                now,
                Column.instants(seconds),
                Column.longs(figures.stream().map(Figures::concurrent).toList()),
                Column.longs(figures.stream().map(Figures::joins).toList()),
                Column.longs(figures.stream().map(Figures::leaves).toList()),
                Column.longs(figures.stream().map(Figures::newViewers).toList()),
                Column.longs(revisions.stream().map(Integer::longValue).toList()));
    }
}
