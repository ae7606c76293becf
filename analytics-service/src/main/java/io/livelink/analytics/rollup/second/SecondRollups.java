package io.livelink.analytics.rollup.second;

import io.livelink.analytics.rollup.RollupSettings;
import io.livelink.analytics.rollup.Rows;
import io.livelink.analytics.rollup.WindowRollup;
import io.livelink.analytics.rollup.WindowSize;
import io.livelink.commons.outbox.EventPublisher;
import io.livelink.events.StreamSecondRollup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-second rollup of MINI_PROGRAM streams. A viewer counts as concurrent at a second's end when
 * their session started before it and had not ended by it (LEAVE, or no sign of life for the
 * session timeout).
 */
@ApplicationScoped
public class SecondRollups implements WindowRollup {

    private final EntityManager entityManager;
    private final EventPublisher publisher;
    private final RollupSettings settings;
    private final Clock clock;

    public SecondRollups(
            EntityManager entityManager,
            EventPublisher publisher,
            RollupSettings settings,
            Clock clock) {
        this.entityManager = entityManager;
        this.publisher = publisher;
        this.settings = settings;
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
        Map<Instant, Stored> stored = stored(streamId, from, to);
        Instant now = clock.instant();
        for (Object[] row : computed(streamId, from, to)) {
            Instant second = Rows.instant(row[0]);
            Figures figures =
                    new Figures(
                            Rows.count(row[1]),
                            Rows.count(row[2]),
                            Rows.count(row[3]),
                            Rows.count(row[4]));
            Stored before = stored.get(second);
            if (before == null ? figures.empty() : before.figures().equals(figures)) {
                continue;
            }
            int revision = before == null ? 1 : before.revision() + 1;
            store(streamId, tenantId, second, figures, revision, now);
            publisher.publish(
                    new StreamSecondRollup(
                            streamId,
                            tenantId,
                            second,
                            figures.concurrent(),
                            figures.joins(),
                            figures.leaves(),
                            figures.newViewers(),
                            revision,
                            now));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> computed(String streamId, Instant from, Instant to) {
        String end = "g.s + interval '1 second'";
        return entityManager
                .createNativeQuery(
                        "select "
                                + Rows.millis("g.s")
                                + ", (select count(*) from view_session v where v.stream_id ="
                                + " :stream and v.started_at < "
                                + end
                                + " and coalesce(v.ended_at, v.last_seen_at + :timeout * interval"
                                + " '1 second') > "
                                + end
                                + "), (select count(*) from view_event e where e.stream_id = :stream"
                                + " and e.kind = 'JOIN' and e.occurred_at >= g.s and e.occurred_at"
                                + " < "
                                + end
                                + "), (select count(*) from view_event e where e.stream_id = :stream"
                                + " and e.kind = 'LEAVE' and e.occurred_at >= g.s and e.occurred_at"
                                + " < "
                                + end
                                + "), (select count(*) from stream_viewer f where f.stream_id ="
                                + " :stream and f.first_join_at >= g.s and f.first_join_at < "
                                + end
                                + ") from generate_series(cast(:from as timestamptz),"
                                + " cast(:to as timestamptz) - interval '1 second', interval '1"
                                + " second') as g(s) order by g.s")
                .setParameter("stream", streamId)
                .setParameter("timeout", settings.sessionTimeout().toSeconds())
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
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
            Instant second,
            Figures figures,
            int revision,
            Instant now) {
        entityManager
                .createNativeQuery(
                        "insert into stream_second (stream_id, second, tenant_id, concurrent_viewers,"
                                + " joins, leaves, new_unique_viewers, revision, computed_at) values"
                                + " (:stream, :second, :tenant, :concurrent, :joins, :leaves,"
                                + " :newViewers, :revision, :now) on conflict (stream_id, second) do"
                                + " update set concurrent_viewers = excluded.concurrent_viewers,"
                                + " joins = excluded.joins, leaves = excluded.leaves,"
                                + " new_unique_viewers = excluded.new_unique_viewers,"
                                + " revision = excluded.revision, computed_at = excluded.computed_at")
                .setParameter("stream", streamId)
                .setParameter("second", second)
                .setParameter("tenant", tenantId)
                .setParameter("concurrent", figures.concurrent())
                .setParameter("joins", figures.joins())
                .setParameter("leaves", figures.leaves())
                .setParameter("newViewers", figures.newViewers())
                .setParameter("revision", revision)
                .setParameter("now", now)
                .executeUpdate();
    }
}
