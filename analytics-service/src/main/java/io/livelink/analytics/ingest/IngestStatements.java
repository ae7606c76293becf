package io.livelink.analytics.ingest;

import io.livelink.analytics.ingest.IngestRows.FirstJoin;
import io.livelink.analytics.ingest.IngestRows.FirstJoinMove;
import io.livelink.analytics.ingest.IngestRows.MinuteCounts;
import io.livelink.analytics.ingest.IngestRows.NewSessionFacts;
import io.livelink.analytics.ingest.IngestRows.ReceivedView;
import io.livelink.analytics.ingest.IngestRows.SecondCounts;
import io.livelink.analytics.ingest.IngestRows.SessionRow;
import io.livelink.analytics.ingest.IngestRows.StreamTotals;
import io.livelink.analytics.session.SessionLifecycle.Openings;
import io.livelink.commons.sql.ArrayStatements;
import io.livelink.commons.sql.Column;
import io.livelink.events.StreamType;
import io.livelink.events.ViewKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The statements of one batch, each over all its rows at once (one round trip per table), in the
 * consumer's transaction. Each statement takes its rows in key order, so two transactions lock
 * alike (the sessions a batch opened come before the others; a stream's events come from one
 * partition, and a deadlock, should one happen in a rebalance, is retried). Results come back as
 * typed rows, read by column name.
 */
@ApplicationScoped
class IngestStatements {

    private final ArrayStatements sql;
    private final OpenedSessionsCopy openedSessions;

    IngestStatements(ArrayStatements sql, OpenedSessionsCopy openedSessions) {
        this.sql = sql;
        this.openedSessions = openedSessions;
    }

    /**
     * Records the sessions and answers those whose JOIN or LEAVE this batch recorded for the first
     * time: a JOIN, HEARTBEAT or LEAVE applied twice is a no-op, so a duplicated view changes
     * nothing. The sessions the batch opened are inserted by COPY when none of them is known yet
     * (each of their JOINs and LEAVEs is then new); a session the batch only heard heartbeats of is
     * widened by a narrow update when its row exists (it has no JOIN or LEAVE to report); any other
     * row, or all the opened ones if one is known, goes through the upsert.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    List<NewSessionFacts> recordSessions(List<SessionRow> rows) {
        List<SessionRow> opened = new ArrayList<>();
        List<SessionRow> heartbeatsOnly = new ArrayList<>();
        for (SessionRow row : rows) {
            if (row.joinedAt() != null) {
                opened.add(row);
            } else if (row.leftAt() == null) {
                heartbeatsOnly.add(row);
            }
        }
        boolean copied = openedSessions.insertAllNew(opened);
        Set<SessionRow> widened = widenByHeartbeats(heartbeatsOnly);
        // The rest in the fold's key order, so that concurrent batches lock alike.
        List<SessionRow> upserted = new ArrayList<>();
        for (SessionRow row : rows) {
            if (!widened.contains(row) && !(copied && row.joinedAt() != null)) {
                upserted.add(row);
            }
        }
        List<NewSessionFacts> facts = upsertSessions(upserted);
        if (copied) {
            for (SessionRow row : opened) {
                facts.add(
                        new NewSessionFacts(
                                row.streamId(),
                                row.tenantId(),
                                row.streamType(),
                                row.channel(),
                                row.joinedAt(),
                                row.leftAt()));
            }
        }
        return facts;
    }

    /**
     * Widens the recorded sessions by their heartbeats and answers the rows it applied; a session
     * not recorded yet (a heartbeat heard before its JOIN) is left to the upsert. It moves what the
     * upsert would move for a row without JOIN or LEAVE, in a statement a third of its size and
     * without its insert: the last sign of life (no index holds it, so the row is updated in
     * place), the start if a beat came before it, and a session ended by silence is open again; a
     * forced end or a LEAVE stays.
     */
    private Set<SessionRow> widenByHeartbeats(List<SessionRow> rows) {
        Set<SessionRow> widened = new HashSet<>();
        if (rows.isEmpty()) {
            return widened;
        }
        Openings openings = Openings.spanning(rows.stream().map(SessionRow::openedAt).toList());
        sql.query(
                "update view_session as s set started_at = least(s.started_at, u.started_at),"
                        + " last_seen_at = greatest(s.last_seen_at, u.last_seen_at),"
                        + " ended_at = case when "
                        + silenceEndedBefore("u.last_seen_at")
                        + " then null else s.ended_at end,"
                        + " ended_by = case when "
                        + silenceEndedBefore("u.last_seen_at")
                        + " then null else s.ended_by end"
                        + " from unnest(?, ?, cast(? as timestamptz[]), cast(? as timestamptz[]),"
                        + " cast(? as timestamptz[])) with ordinality as u(session_id, stream_id,"
                        + " opened_at, started_at, last_seen_at, position)"
                        + " where s.session_id = u.session_id and s.stream_id = u.stream_id"
                        + " and s.opened_at = u.opened_at"
                        // Bound as values, so only the rows' day partitions are planned and
                        // locked, not every day of the retention.
                        + " and s.opened_at >= cast(? as timestamptz)"
                        + " and s.opened_at <= cast(? as timestamptz)"
                        + " returning u.position",
                // The array's positions count from 1.
                row -> widened.add(rows.get(Math.toIntExact(row.getLong("position")) - 1)),
                text(rows, SessionRow::sessionId),
                text(rows, SessionRow::streamId),
                instants(rows, SessionRow::openedAt),
                instants(rows, SessionRow::startedAt),
                instants(rows, SessionRow::lastSeenAt),
                openings.first(),
                openings.last());
        return widened;
    }

    /**
     * Widens the sessions and answers those whose JOIN or LEAVE this batch recorded for the first
     * time (PostgreSQL 18's {@code RETURNING old.…}).
     */
    private List<NewSessionFacts> upsertSessions(List<SessionRow> rows) {
        List<NewSessionFacts> facts = new ArrayList<>();
        if (rows.isEmpty()) {
            return facts;
        }
        String forced = "('REVOKED', 'MEMBER_LEFT')";
        sql.query(
                "with up as (insert into view_session as s (stream_id, session_id, opened_at,"
                        + " tenant_id, stream_type, viewer_id, channel, playback, device, link_id,"
                        + " started_at, last_seen_at, ended_at, joined_at, left_at, ended_by)"
                        + " select u.*, case when u.ended_at is not null then 'LEAVE' end from"
                        + " unnest(?, ?, cast(? as timestamptz[]), ?, ?, ?, ?, ?, ?, ?, cast(? as"
                        + " timestamptz[]), cast(? as timestamptz[]), cast(? as timestamptz[]),"
                        + " cast(? as timestamptz[]), cast(? as timestamptz[])) as u(stream_id,"
                        + " session_id, opened_at, tenant_id, stream_type, viewer_id, channel,"
                        + " playback, device, link_id, started_at, last_seen_at, ended_at,"
                        + " joined_at, left_at)"
                        + " on conflict (stream_id, session_id, opened_at) do update set"
                        + " started_at = least(s.started_at, excluded.started_at),"
                        + " last_seen_at = greatest(s.last_seen_at, excluded.last_seen_at),"
                        + " joined_at = coalesce(s.joined_at, excluded.joined_at),"
                        + " left_at = coalesce(s.left_at, excluded.left_at),"
                        // A forced end (revocation, departure) is final; a session silence
                        // ended comes back with a later sign of life; a LEAVE ends any other.
                        + " ended_at = case when s.ended_by in "
                        + forced
                        + " then s.ended_at when "
                        + silenceEndedBefore("excluded.last_seen_at")
                        + " then excluded.ended_at when excluded.ended_at is not"
                        + " null then greatest(s.ended_at, excluded.ended_at) else s.ended_at"
                        + " end, ended_by = case when s.ended_by in "
                        + forced
                        + " then s.ended_by when "
                        + silenceEndedBefore("excluded.last_seen_at")
                        + " then excluded.ended_by when"
                        + " excluded.ended_at is not null then 'LEAVE' else s.ended_by end"
                        + " returning new.stream_id, new.tenant_id, new.stream_type, new.channel,"
                        + " case when old.joined_at is null then new.joined_at end as new_join_at,"
                        + " case when old.left_at is null then new.left_at end as new_leave_at)"
                        + " select * from up where new_join_at is not null or new_leave_at is not"
                        + " null",
                row ->
                        facts.add(
                                new NewSessionFacts(
                                        row.getString("stream_id"),
                                        row.getString("tenant_id"),
                                        StreamType.valueOf(row.getString("stream_type")),
                                        row.getString("channel"),
                                        instant(row, "new_join_at"),
                                        instant(row, "new_leave_at"))),
                text(rows, SessionRow::streamId),
                text(rows, SessionRow::sessionId),
                instants(rows, SessionRow::openedAt),
                text(rows, SessionRow::tenantId),
                text(rows, r -> r.streamType().name()),
                text(rows, SessionRow::viewerId),
                text(rows, SessionRow::channel),
                text(rows, SessionRow::playback),
                text(rows, SessionRow::device),
                text(rows, SessionRow::linkId),
                instants(rows, SessionRow::startedAt),
                instants(rows, SessionRow::lastSeenAt),
                instants(rows, SessionRow::endedAt),
                instants(rows, SessionRow::joinedAt),
                instants(rows, SessionRow::leftAt));
        return facts;
    }

    /**
     * The session {@code s} was ended by silence before {@code lastSeen}, a later sign of life: it
     * comes back (both the upsert and the heartbeats' update apply this one rule).
     */
    private static String silenceEndedBefore(String lastSeen) {
        return "s.ended_by = 'TIMEOUT' and " + lastSeen + " > s.last_seen_at";
    }

    /** Records first joins; answers those that are new or moved earlier. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<FirstJoinMove> upsertFirstJoins(List<FirstJoin> joins) {
        List<FirstJoinMove> moves = new ArrayList<>();
        if (joins.isEmpty()) {
            return moves;
        }
        sql.query(
                "insert into stream_viewer as v (stream_id, viewer_id, first_join_at)"
                        + " select * from unnest(?, ?, cast(? as timestamptz[]))"
                        + " on conflict (stream_id, viewer_id) do update set"
                        + " first_join_at = excluded.first_join_at"
                        + " where excluded.first_join_at < v.first_join_at"
                        + " returning new.stream_id, old.first_join_at as before,"
                        + " new.first_join_at as after",
                row ->
                        moves.add(
                                new FirstJoinMove(
                                        row.getString("stream_id"),
                                        instant(row, "before"),
                                        instant(row, "after"))),
                text(joins, FirstJoin::streamId),
                text(joins, FirstJoin::viewerId),
                instants(joins, FirstJoin::at));
        return moves;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void addSecondCounts(List<SecondCounts> counts) {
        if (counts.isEmpty()) {
            return;
        }
        sql.update(
                "insert into stream_second_count as c (stream_id, second, joins, leaves,"
                        + " new_viewers) select * from unnest(?, cast(? as timestamptz[]), ?, ?, ?)"
                        + " on conflict (stream_id, second) do update set"
                        + " joins = c.joins + excluded.joins, leaves = c.leaves + excluded.leaves,"
                        + " new_viewers = c.new_viewers + excluded.new_viewers",
                text(counts, SecondCounts::streamId),
                instants(counts, SecondCounts::second),
                longs(counts, SecondCounts::joins),
                longs(counts, SecondCounts::leaves),
                longs(counts, SecondCounts::newViewers));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void addMinuteCounts(List<MinuteCounts> counts) {
        if (counts.isEmpty()) {
            return;
        }
        sql.update(
                "insert into stream_minute_count as c (stream_id, minute, channel, views)"
                        + " select * from unnest(?, cast(? as timestamptz[]), ?, ?)"
                        + " on conflict (stream_id, minute, channel) do update set"
                        + " views = c.views + excluded.views",
                text(counts, MinuteCounts::streamId),
                instants(counts, MinuteCounts::minute),
                text(counts, MinuteCounts::channel),
                longs(counts, MinuteCounts::views));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void addTotals(List<StreamTotals> totals) {
        if (totals.isEmpty()) {
            return;
        }
        sql.update(
                "insert into stream_view_totals as t (stream_id, tenant_id, stream_type, joins,"
                        + " leaves, heartbeats, first_event_at, last_event_at)"
                        + " select * from unnest(?, ?, ?, ?, ?, ?, cast(? as timestamptz[]),"
                        + " cast(? as timestamptz[]))"
                        + " on conflict (stream_id) do update set"
                        + " joins = t.joins + excluded.joins,"
                        + " leaves = t.leaves + excluded.leaves,"
                        + " heartbeats = t.heartbeats + excluded.heartbeats,"
                        + " first_event_at = least(t.first_event_at, excluded.first_event_at),"
                        + " last_event_at = greatest(t.last_event_at, excluded.last_event_at)",
                text(totals, StreamTotals::streamId),
                text(totals, StreamTotals::tenantId),
                text(totals, t -> t.streamType().name()),
                longs(totals, StreamTotals::joins),
                longs(totals, StreamTotals::leaves),
                longs(totals, StreamTotals::heartbeats),
                instants(totals, StreamTotals::firstEventAt),
                instants(totals, StreamTotals::lastEventAt));
    }

    /**
     * The late JOINs that are second copies of a JOIN applied in time (the view path's outbox
     * fallback can deliver one twice, the copies minutes apart): their session is recorded already,
     * so they are neither a view nor late, and counting them as set aside would count the view
     * twice.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    List<ReceivedView> joinsAlreadyApplied(List<ReceivedView> tooLate) {
        List<ReceivedView> joins =
                tooLate.stream().filter(r -> r.view().kind() == ViewKind.JOIN).toList();
        if (joins.isEmpty()) {
            return List.of();
        }
        Set<String> recorded =
                new HashSet<>(
                        sql.strings(
                                "select s.stream_id || '/' || s.session_id from view_session s"
                                        + " join unnest(?, ?) as u(stream, session)"
                                        + " on s.stream_id = u.stream and s.session_id = u.session",
                                text(joins, r -> r.view().streamId()),
                                text(joins, r -> r.view().sessionId())));
        return joins.stream()
                .filter(r -> recorded.contains(r.view().streamId() + "/" + r.view().sessionId()))
                .toList();
    }

    /**
     * Keeps events that came after their window's grace period, for the record; answers the ids of
     * those kept for the first time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Set<String> setAsideTooLate(List<ReceivedView> tooLate, Instant now) {
        if (tooLate.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(
                sql.strings(
                        "insert into late_view_event (event_id, stream_id, tenant_id, occurred_at,"
                                + " received_at) select id, stream, tenant, at, cast(? as"
                                + " timestamptz) from unnest(?, ?, ?, cast(? as timestamptz[])) as"
                                + " u(id, stream, tenant, at) order by id on conflict do nothing"
                                + " returning event_id",
                        now,
                        text(tooLate, ReceivedView::eventId),
                        text(tooLate, r -> r.view().streamId()),
                        text(tooLate, r -> r.view().tenantId()),
                        instants(tooLate, r -> r.view().occurredAt())));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static <T> Column text(List<T> rows, Function<T, String> value) {
        return Column.text(rows.stream().map(value).toList());
    }

    private static <T> Column instants(List<T> rows, Function<T, Instant> value) {
        return Column.instants(rows.stream().map(value).toList());
    }

    private static <T> Column longs(List<T> rows, Function<T, Long> value) {
        return Column.longs(rows.stream().map(value).toList());
    }
}
