package io.livelink.analytics.rollup.minute;

import io.livelink.analytics.rollup.RollupSettings;
import io.livelink.analytics.rollup.Rows;
import io.livelink.analytics.rollup.WindowRollup;
import io.livelink.analytics.rollup.WindowSize;
import io.livelink.commons.outbox.EventPublisher;
import io.livelink.events.StreamMinuteRollup;
import io.livelink.events.StreamMinuteRollup.ChannelMinute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-minute rollup of H5 streams, in total and per channel. Unique viewers are exact: the distinct
 * viewer ids whose sessions were present during the minute (any range can be answered the same way
 * from the stored sessions). Watch seconds add up each session's watched time inside the minute;
 * peak concurrent is the most sessions present at one instant of it.
 */
@ApplicationScoped
public class MinuteRollups implements WindowRollup {

    /** The stream's total row in {@code stream_minute}. */
    static final String TOTAL = "";

    private final EntityManager entityManager;
    private final EventPublisher publisher;
    private final RollupSettings settings;
    private final Clock clock;

    public MinuteRollups(
            EntityManager entityManager,
            EventPublisher publisher,
            RollupSettings settings,
            Clock clock) {
        this.entityManager = entityManager;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    private record Session(
            String channel, String viewer, long start, long watchedUntil, long presentUntil) {}

    record Figures(long views, long uniqueViewers, long watchSeconds, long peakConcurrent) {
        boolean empty() {
            return views == 0 && uniqueViewers == 0 && watchSeconds == 0 && peakConcurrent == 0;
        }
    }

    @Override
    public WindowSize size() {
        return WindowSize.MINUTE;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void compute(String streamId, String tenantId, Instant from, Instant to) {
        for (Instant minute = from; minute.isBefore(to); minute = minute.plusSeconds(60)) {
            computeMinute(streamId, tenantId, minute);
        }
    }

    private void computeMinute(String streamId, String tenantId, Instant minute) {
        long start = minute.toEpochMilli();
        long end = start + 60_000;
        Map<String, Long> views = views(streamId, minute);
        List<Session> sessions = sessions(streamId, minute);

        Map<String, Figures> byChannel = new TreeMap<>();
        byChannel.put(
                TOTAL,
                figures(
                        sessions,
                        start,
                        end,
                        views.values().stream().mapToLong(Long::longValue).sum()));
        Set<String> channels = new HashSet<>(views.keySet());
        sessions.forEach(s -> channels.add(s.channel()));
        for (String channel : channels) {
            List<Session> ofChannel =
                    sessions.stream().filter(s -> s.channel().equals(channel)).toList();
            byChannel.put(channel, figures(ofChannel, start, end, views.getOrDefault(channel, 0L)));
        }

        Map<String, Figures> before = new HashMap<>();
        int revision = storedRevision(streamId, minute, before);
        boolean unchanged = revision == 0 ? byChannel.get(TOTAL).empty() : before.equals(byChannel);
        if (unchanged) {
            return;
        }
        revision++;
        Instant now = clock.instant();
        entityManager
                .createNativeQuery(
                        "delete from stream_minute where stream_id = :stream and minute = :minute")
                .setParameter("stream", streamId)
                .setParameter("minute", minute)
                .executeUpdate();
        List<ChannelMinute> breakdown = new ArrayList<>();
        for (Map.Entry<String, Figures> entry : byChannel.entrySet()) {
            store(streamId, tenantId, minute, entry.getKey(), entry.getValue(), revision, now);
            if (!entry.getKey().equals(TOTAL)) {
                Figures f = entry.getValue();
                breakdown.add(
                        new ChannelMinute(
                                entry.getKey(),
                                f.views(),
                                f.uniqueViewers(),
                                f.watchSeconds(),
                                f.peakConcurrent()));
            }
        }
        breakdown.sort(Comparator.comparing(ChannelMinute::channel));
        Figures total = byChannel.get(TOTAL);
        publisher.publish(
                new StreamMinuteRollup(
                        streamId,
                        tenantId,
                        minute,
                        total.views(),
                        total.uniqueViewers(),
                        total.watchSeconds(),
                        total.peakConcurrent(),
                        breakdown,
                        revision,
                        now));
    }

    private static Figures figures(List<Session> sessions, long start, long end, long views) {
        long watchedMillis = 0;
        Set<String> viewers = new HashSet<>();
        // +1 where a session becomes present in the minute, -1 where it stops; ends sort first, so
        // one viewer leaving as another joins is not counted as two at once.
        TreeMap<Long, Integer> steps = new TreeMap<>();
        for (Session s : sessions) {
            viewers.add(s.viewer());
            watchedMillis +=
                    Math.max(0, Math.min(end, s.watchedUntil()) - Math.max(start, s.start()));
            steps.merge(Math.max(start, s.start()), 1, Integer::sum);
            if (s.presentUntil() < end) {
                steps.merge(s.presentUntil(), -1, Integer::sum);
            }
        }
        long concurrent = 0;
        long peak = 0;
        for (int delta : steps.values()) {
            concurrent += delta;
            peak = Math.max(peak, concurrent);
        }
        return new Figures(views, viewers.size(), watchedMillis / 1000, peak);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> views(String streamId, Instant minute) {
        Map<String, Long> views = new HashMap<>();
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select channel, count(*) from view_event where stream_id = :stream"
                                        + " and kind = 'JOIN' and occurred_at >= :from and occurred_at"
                                        + " < :to group by channel")
                        .setParameter("stream", streamId)
                        .setParameter("from", minute)
                        .setParameter("to", minute.plusSeconds(60))
                        .getResultList();
        rows.forEach(r -> views.put((String) r[0], Rows.count(r[1])));
        return views;
    }

    @SuppressWarnings("unchecked")
    private List<Session> sessions(String streamId, Instant minute) {
        String presentUntil = "coalesce(ended_at, last_seen_at + :timeout * interval '1 second')";
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select channel, viewer_id, "
                                        + Rows.millis("started_at")
                                        + ", "
                                        + Rows.millis("coalesce(ended_at, last_seen_at)")
                                        + ", "
                                        + Rows.millis(presentUntil)
                                        + " from view_session where stream_id = :stream and started_at"
                                        + " < :to and "
                                        + presentUntil
                                        + " > :from")
                        .setParameter("stream", streamId)
                        .setParameter("timeout", settings.sessionTimeout().toSeconds())
                        .setParameter("from", minute)
                        .setParameter("to", minute.plusSeconds(60))
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Session(
                                        (String) r[0],
                                        (String) r[1],
                                        Rows.count(r[2]),
                                        Rows.count(r[3]),
                                        Rows.count(r[4])))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private int storedRevision(String streamId, Instant minute, Map<String, Figures> into) {
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select channel, views, unique_viewers, watch_seconds, peak_concurrent,"
                                        + " revision from stream_minute where stream_id = :stream and"
                                        + " minute = :minute")
                        .setParameter("stream", streamId)
                        .setParameter("minute", minute)
                        .getResultList();
        int revision = 0;
        for (Object[] r : rows) {
            into.put(
                    (String) r[0],
                    new Figures(
                            Rows.count(r[1]),
                            Rows.count(r[2]),
                            Rows.count(r[3]),
                            Rows.count(r[4])));
            revision = Math.max(revision, ((Number) r[5]).intValue());
        }
        return revision;
    }

    private void store(
            String streamId,
            String tenantId,
            Instant minute,
            String channel,
            Figures f,
            int revision,
            Instant now) {
        entityManager
                .createNativeQuery(
                        "insert into stream_minute (stream_id, minute, channel, tenant_id, views,"
                                + " unique_viewers, watch_seconds, peak_concurrent, revision,"
                                + " computed_at) values (:stream, :minute, :channel, :tenant, :views,"
                                + " :unique, :watch, :peak, :revision, :now)")
                .setParameter("stream", streamId)
                .setParameter("minute", minute)
                .setParameter("channel", channel)
                .setParameter("tenant", tenantId)
                .setParameter("views", f.views())
                .setParameter("unique", f.uniqueViewers())
                .setParameter("watch", f.watchSeconds())
                .setParameter("peak", f.peakConcurrent())
                .setParameter("revision", revision)
                .setParameter("now", now)
                .executeUpdate();
    }
}
