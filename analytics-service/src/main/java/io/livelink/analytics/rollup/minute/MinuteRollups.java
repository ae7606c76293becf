package io.livelink.analytics.rollup.minute;

import io.livelink.analytics.rollup.Rows;
import io.livelink.analytics.rollup.WindowMath;
import io.livelink.analytics.rollup.WindowRollup;
import io.livelink.analytics.rollup.WindowSessions;
import io.livelink.analytics.rollup.WindowSessions.Presence;
import io.livelink.analytics.rollup.WindowSize;
import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.sql.ArrayStatements;
import io.livelink.commons.sql.Column;
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

    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final long MINUTE_MICROS = 60 * MICROS_PER_SECOND;

    private final EntityManager entityManager;
    private final ArrayStatements sql;
    private final WindowSessions sessions;
    private final EventPublisher publisher;
    private final Clock clock;

    public MinuteRollups(
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

    record Figures(long views, long uniqueViewers, long watchSeconds, long peakConcurrent) {
        boolean empty() {
            return views == 0 && uniqueViewers == 0 && watchSeconds == 0 && peakConcurrent == 0;
        }
    }

    private record StoredMinute(Map<String, Figures> byChannel, int revision) {}

    @Override
    public WindowSize size() {
        return WindowSize.MINUTE;
    }

    /**
     * Computes the minutes of [from, to) from three reads for the whole range (joins per minute and
     * channel, the sessions present, what is stored), then stores and publishes the minutes that
     * changed.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void compute(String streamId, String tenantId, Instant from, Instant to) {
        Map<Instant, Map<String, Long>> views = views(streamId, from, to);
        Map<Instant, List<Presence>> present = new HashMap<>();
        long fromMicros = from.getEpochSecond() * MICROS_PER_SECOND;
        long toMicros = to.getEpochSecond() * MICROS_PER_SECOND;
        for (Presence p : sessions.present(streamId, from, to)) {
            long first = Math.max(fromMicros, p.start());
            long last = Math.min(toMicros, p.until()) - 1;
            for (long m = Math.floorDiv(first, MINUTE_MICROS) * MINUTE_MICROS;
                    m <= last;
                    m += MINUTE_MICROS) {
                present.computeIfAbsent(
                                Instant.ofEpochSecond(m / MICROS_PER_SECOND),
                                k -> new ArrayList<>())
                        .add(p);
            }
        }
        Map<Instant, StoredMinute> stored = stored(streamId, from, to);
        Instant now = clock.instant();
        List<Instant> changed = new ArrayList<>();
        List<Map<String, Figures>> changedFigures = new ArrayList<>();
        List<Integer> revisions = new ArrayList<>();
        for (Instant minute = from; minute.isBefore(to); minute = minute.plusSeconds(60)) {
            Map<String, Figures> byChannel =
                    minute(
                            minute,
                            views.getOrDefault(minute, Map.of()),
                            present.getOrDefault(minute, List.of()));
            StoredMinute before = stored.get(minute);
            boolean unchanged =
                    before == null
                            ? byChannel.get(TOTAL).empty()
                            : before.byChannel().equals(byChannel);
            if (!unchanged) {
                changed.add(minute);
                changedFigures.add(byChannel);
                revisions.add(before == null ? 1 : before.revision() + 1);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        store(streamId, tenantId, changed, changedFigures, revisions, now);
        for (int i = 0; i < changed.size(); i++) {
            publish(
                    streamId,
                    tenantId,
                    changed.get(i),
                    changedFigures.get(i),
                    revisions.get(i),
                    now);
        }
    }

    /** The minute's figures in total ({@link #TOTAL}) and per channel. */
    private static Map<String, Figures> minute(
            Instant minute, Map<String, Long> views, List<Presence> sessions) {
        long start = minute.getEpochSecond() * MICROS_PER_SECOND;
        long end = start + MINUTE_MICROS;
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
            List<Presence> ofChannel =
                    sessions.stream().filter(s -> s.channel().equals(channel)).toList();
            byChannel.put(channel, figures(ofChannel, start, end, views.getOrDefault(channel, 0L)));
        }
        return byChannel;
    }

    private void publish(
            String streamId,
            String tenantId,
            Instant minute,
            Map<String, Figures> byChannel,
            int revision,
            Instant now) {
        List<ChannelMinute> breakdown = new ArrayList<>();
        for (Map.Entry<String, Figures> entry : byChannel.entrySet()) {
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

    private static Figures figures(List<Presence> sessions, long start, long end, long views) {
        WindowMath.PresenceFigures f = WindowMath.presenceFigures(sessions, start, end);
        return new Figures(views, f.uniqueViewers(), f.watchSeconds(), f.peakConcurrent());
    }

    @SuppressWarnings("unchecked")
    private Map<Instant, Map<String, Long>> views(String streamId, Instant from, Instant to) {
        Map<Instant, Map<String, Long>> views = new HashMap<>();
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select cast(extract(epoch from minute) as bigint), channel,"
                                        + " views from stream_minute_count where stream_id ="
                                        + " :stream and minute >= :from and minute < :to")
                        .setParameter("stream", streamId)
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getResultList();
        for (Object[] r : rows) {
            views.computeIfAbsent(Rows.epochSecond(r[0]), m -> new HashMap<>())
                    .put((String) r[1], Rows.count(r[2]));
        }
        return views;
    }

    @SuppressWarnings("unchecked")
    private Map<Instant, StoredMinute> stored(String streamId, Instant from, Instant to) {
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select "
                                        + Rows.millis("minute")
                                        + ", channel, views, unique_viewers, watch_seconds,"
                                        + " peak_concurrent, revision from stream_minute where"
                                        + " stream_id = :stream and minute >= :from and minute < :to")
                        .setParameter("stream", streamId)
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getResultList();
        Map<Instant, Map<String, Figures>> figures = new HashMap<>();
        Map<Instant, Integer> revisions = new HashMap<>();
        for (Object[] r : rows) {
            Instant minute = Rows.instant(r[0]);
            figures.computeIfAbsent(minute, m -> new HashMap<>())
                    .put(
                            (String) r[1],
                            new Figures(
                                    Rows.count(r[2]),
                                    Rows.count(r[3]),
                                    Rows.count(r[4]),
                                    Rows.count(r[5])));
            revisions.merge(minute, ((Number) r[6]).intValue(), Math::max);
        }
        Map<Instant, StoredMinute> stored = new HashMap<>();
        figures.forEach(
                (minute, f) -> stored.put(minute, new StoredMinute(f, revisions.get(minute))));
        return stored;
    }

    /** Replaces the changed minutes' rows, every channel of every minute in two statements. */
    private void store(
            String streamId,
            String tenantId,
            List<Instant> minutes,
            List<Map<String, Figures>> figures,
            List<Integer> revisions,
            Instant now) {
        sql.update(
                "delete from stream_minute where stream_id = ? and minute = any(cast(? as"
                        + " timestamptz[]))",
                streamId,
                Column.instants(minutes));
        List<Instant> rowMinutes = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        List<Figures> rows = new ArrayList<>();
        List<Long> rowRevisions = new ArrayList<>();
        for (int i = 0; i < minutes.size(); i++) {
            for (Map.Entry<String, Figures> channel : figures.get(i).entrySet()) {
                rowMinutes.add(minutes.get(i));
                channels.add(channel.getKey());
                rows.add(channel.getValue());
                rowRevisions.add((long) revisions.get(i));
            }
        }
        sql.update(
                "insert into stream_minute (stream_id, minute, channel, tenant_id, views,"
                        + " unique_viewers, watch_seconds, peak_concurrent, revision, computed_at)"
                        + " select ?, u.minute, u.channel, ?, u.views, u.unique_viewers,"
                        + " u.watch_seconds, u.peak, u.revision, cast(? as timestamptz)"
                        + " from unnest(cast(? as timestamptz[]), ?, ?, ?, ?, ?, ?) as u(minute,"
                        + " channel, views, unique_viewers, watch_seconds, peak, revision)",
                streamId,
                tenantId,
                now,
                Column.instants(rowMinutes),
                Column.text(channels),
                Column.longs(rows.stream().map(Figures::views).toList()),
                Column.longs(rows.stream().map(Figures::uniqueViewers).toList()),
                Column.longs(rows.stream().map(Figures::watchSeconds).toList()),
                Column.longs(rows.stream().map(Figures::peakConcurrent).toList()),
                Column.longs(rowRevisions));
    }
}
