package io.livelink.analytics.ingest;

import io.livelink.analytics.ingest.IngestRows.FirstJoin;
import io.livelink.analytics.ingest.IngestRows.FirstJoinMove;
import io.livelink.analytics.ingest.IngestRows.MinuteCounts;
import io.livelink.analytics.ingest.IngestRows.NewSessionFacts;
import io.livelink.analytics.ingest.IngestRows.SecondCounts;
import io.livelink.analytics.ingest.IngestRows.SessionRow;
import io.livelink.analytics.ingest.IngestRows.StreamTotals;
import io.livelink.analytics.rollup.WindowSize;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A batch folded in memory, pure functions: one row per session, one per viewer's first join, one
 * per touched window, one per stream. The database applies each row once per batch.
 */
public final class BatchFold {

    private BatchFold() {}

    /** The channel a view is reported under: the UTM source, else the link's channel. */
    public static String channelOf(ViewEvent view) {
        return view.utmSource() != null && !view.utmSource().isBlank()
                ? view.utmSource()
                : view.channel();
    }

    /**
     * One row per session in key order (stream, session), so that two transactions touching the
     * same sessions lock them in the same order. Applying the rows of any split of the same events
     * into batches widens a session to the same interval.
     */
    public static List<SessionRow> sessions(Collection<ViewEvent> views) {
        Map<String, Map<SessionRow, SessionRow>> byStream = new TreeMap<>();
        for (ViewEvent view : views) {
            SessionRow row = rowOf(view);
            byStream.computeIfAbsent(view.streamId(), s -> new TreeMap<>(SESSION_KEY_ORDER))
                    .merge(row, row, BatchFold::widen);
        }
        List<SessionRow> rows = new ArrayList<>();
        byStream.values().forEach(sessions -> rows.addAll(sessions.values()));
        return rows;
    }

    /**
     * Rows of one stream compare as the table's key does (the session, and the day partition of its
     * opening); compared, not keyed by a string, since formatting the instant per event was a tenth
     * of folding a batch.
     */
    private static final Comparator<SessionRow> SESSION_KEY_ORDER =
            Comparator.comparing(SessionRow::sessionId).thenComparing(SessionRow::openedAt);

    private static SessionRow rowOf(ViewEvent view) {
        // PostgreSQL keeps microseconds: cut here, so the row is the same whichever way it is
        // written (the COPY's binary instants would truncate, the upsert's text would round).
        Instant at = view.occurredAt().truncatedTo(ChronoUnit.MICROS);
        return new SessionRow(
                view.streamId(),
                view.sessionId(),
                openedAt(view),
                view.tenantId(),
                view.streamType(),
                view.viewerId(),
                channelOf(view),
                view.playback().name(),
                view.device().name(),
                view.linkId(),
                at,
                at,
                view.kind() == ViewKind.LEAVE ? at : null,
                view.kind() == ViewKind.JOIN ? at : null,
                view.kind() == ViewKind.LEAVE ? at : null);
    }

    /**
     * When the view's session was opened, which says the day partition its row is kept in: the same
     * in every event of a session, so its JOIN, HEARTBEATs and LEAVE meet on one row even across
     * midnight. A view from a producer that predates the field counts its session as opened at the
     * start of its own UTC day: such a session spanning midnight is kept as two rows, one per day.
     */
    static Instant openedAt(ViewEvent view) {
        return view.sessionOpenedAt() != null
                ? view.sessionOpenedAt().truncatedTo(ChronoUnit.MICROS)
                : view.occurredAt().truncatedTo(ChronoUnit.DAYS);
    }

    /** The first row describes the session; the second only widens its times. */
    static SessionRow widen(SessionRow first, SessionRow next) {
        return new SessionRow(
                first.streamId(),
                first.sessionId(),
                first.openedAt(),
                first.tenantId(),
                first.streamType(),
                first.viewerId(),
                first.channel(),
                first.playback(),
                first.device(),
                first.linkId(),
                earliest(first.startedAt(), next.startedAt()),
                latest(first.lastSeenAt(), next.lastSeenAt()),
                latest(first.endedAt(), next.endedAt()),
                earliest(first.joinedAt(), next.joinedAt()),
                earliest(first.leftAt(), next.leftAt()));
    }

    /**
     * The earliest JOIN per viewer of each per-second (MINI_PROGRAM) stream, whose first joins make
     * its new unique viewers; in key order.
     */
    public static List<FirstJoin> firstJoins(Collection<ViewEvent> views) {
        Map<String, Map<String, Instant>> byStream = new TreeMap<>();
        for (ViewEvent view : views) {
            if (view.kind() == ViewKind.JOIN && view.streamType() == StreamType.MINI_PROGRAM) {
                byStream.computeIfAbsent(view.streamId(), s -> new TreeMap<>())
                        .merge(view.viewerId(), view.occurredAt(), BatchFold::earliest);
            }
        }
        List<FirstJoin> joins = new ArrayList<>();
        byStream.forEach(
                (stream, viewers) ->
                        viewers.forEach(
                                (viewer, at) -> joins.add(new FirstJoin(stream, viewer, at))));
        return joins;
    }

    /** Per-window deltas of a batch, each list in key order. */
    public record WindowCounts(List<SecondCounts> seconds, List<MinuteCounts> minutes) {}

    /**
     * What the batch adds to each second and minute: a session's JOIN and LEAVE count in their
     * window the first time they are recorded (never again: a duplicate changes nothing); a
     * viewer's first join counts in its second and, if an earlier JOIN came later, moves to that
     * one.
     */
    public static WindowCounts counts(
            Collection<NewSessionFacts> sessions, Collection<FirstJoinMove> firstJoins) {
        Map<String, Map<Instant, long[]>> seconds = new TreeMap<>();
        Map<String, Map<Instant, Map<String, Long>>> minutes = new TreeMap<>();
        for (NewSessionFacts s : sessions) {
            if (s.streamType() == StreamType.MINI_PROGRAM) {
                if (s.newJoinAt() != null) {
                    secondOf(seconds, s.streamId(), s.newJoinAt())[0]++;
                }
                if (s.newLeaveAt() != null) {
                    secondOf(seconds, s.streamId(), s.newLeaveAt())[1]++;
                }
            } else if (s.streamType() == StreamType.H5 && s.newJoinAt() != null) {
                minutes.computeIfAbsent(s.streamId(), k -> new TreeMap<>())
                        .computeIfAbsent(
                                WindowSize.MINUTE.startOf(s.newJoinAt()), k -> new TreeMap<>())
                        .merge(s.channel(), 1L, Long::sum);
            }
        }
        for (FirstJoinMove move : firstJoins) {
            if (move.before() != null) {
                secondOf(seconds, move.streamId(), move.before())[2]--;
            }
            secondOf(seconds, move.streamId(), move.after())[2]++;
        }
        List<SecondCounts> secondRows = new ArrayList<>();
        seconds.forEach(
                (stream, bySecond) ->
                        bySecond.forEach(
                                (second, c) -> {
                                    if (c[0] != 0 || c[1] != 0 || c[2] != 0) {
                                        secondRows.add(
                                                new SecondCounts(stream, second, c[0], c[1], c[2]));
                                    }
                                }));
        List<MinuteCounts> minuteRows = new ArrayList<>();
        minutes.forEach(
                (stream, byMinute) ->
                        byMinute.forEach(
                                (minute, byChannel) ->
                                        byChannel.forEach(
                                                (channel, views) ->
                                                        minuteRows.add(
                                                                new MinuteCounts(
                                                                        stream, minute, channel,
                                                                        views)))));
        return new WindowCounts(secondRows, minuteRows);
    }

    private static long[] secondOf(
            Map<String, Map<Instant, long[]>> seconds, String stream, Instant at) {
        return seconds.computeIfAbsent(stream, k -> new TreeMap<>())
                .computeIfAbsent(WindowSize.SECOND.startOf(at), k -> new long[3]);
    }

    /**
     * What the batch adds to each stream's totals: the joins and leaves recorded for the first time
     * (of sessions, or of events set aside as late), the heartbeats of the batch, and the span of
     * its events' times; in stream order.
     */
    public static List<StreamTotals> totals(
            Collection<ViewEvent> views,
            Collection<NewSessionFacts> sessions,
            Collection<ViewEvent> newlySetAside) {
        Map<String, StreamTotals> byStream = new TreeMap<>();
        for (ViewEvent v : views) {
            add(
                    byStream,
                    new StreamTotals(
                            v.streamId(),
                            v.tenantId(),
                            v.streamType(),
                            0,
                            0,
                            v.kind() == ViewKind.HEARTBEAT ? 1 : 0,
                            v.occurredAt(),
                            v.occurredAt()));
        }
        for (NewSessionFacts s : sessions) {
            add(
                    byStream,
                    joinsAndLeaves(
                            s.streamId(),
                            s.tenantId(),
                            s.streamType(),
                            s.newJoinAt() != null,
                            s.newLeaveAt() != null));
        }
        for (ViewEvent v : newlySetAside) {
            add(
                    byStream,
                    joinsAndLeaves(
                            v.streamId(),
                            v.tenantId(),
                            v.streamType(),
                            v.kind() == ViewKind.JOIN,
                            v.kind() == ViewKind.LEAVE));
        }
        return List.copyOf(byStream.values());
    }

    private static StreamTotals joinsAndLeaves(
            String streamId, String tenantId, StreamType type, boolean join, boolean leave) {
        return new StreamTotals(
                streamId, tenantId, type, join ? 1 : 0, leave ? 1 : 0, 0, null, null);
    }

    private static void add(Map<String, StreamTotals> byStream, StreamTotals more) {
        byStream.merge(
                more.streamId(),
                more,
                (a, b) ->
                        new StreamTotals(
                                a.streamId(),
                                a.tenantId(),
                                a.streamType(),
                                a.joins() + b.joins(),
                                a.leaves() + b.leaves(),
                                a.heartbeats() + b.heartbeats(),
                                earliest(a.firstEventAt(), b.firstEventAt()),
                                latest(a.lastEventAt(), b.lastEventAt())));
    }

    static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isBefore(a) ? a : b;
    }

    static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }
}
