package io.livelink.analytics.session;

import io.livelink.analytics.sql.ArrayStatements;
import io.livelink.analytics.sql.Column;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stores view sessions (JOIN … HEARTBEAT … LEAVE, keyed by session id) as intervals in PostgreSQL.
 * Events may arrive in any order: each only widens its session, so applying the same set of events
 * in any order, and in any split into batches, gives the same interval.
 */
@ApplicationScoped
public class ViewSessions {

    private final ArrayStatements sql;

    public ViewSessions(ArrayStatements sql) {
        this.sql = sql;
    }

    /** The channel a view is reported under: the UTM source, else the link's channel. */
    public static String channelOf(ViewEvent view) {
        return view.utmSource() != null && !view.utmSource().isBlank()
                ? view.utmSource()
                : view.channel();
    }

    /** What a batch adds to one session: its first event describes it, the rest widen it. */
    private static final class Widening {
        final ViewEvent first;
        Instant startedAt;
        Instant lastSeenAt;
        Instant endedAt;

        Widening(ViewEvent first) {
            this.first = first;
            this.startedAt = first.occurredAt();
            this.lastSeenAt = first.occurredAt();
        }

        void add(ViewEvent view) {
            Instant at = view.occurredAt();
            startedAt = at.isBefore(startedAt) ? at : startedAt;
            lastSeenAt = at.isAfter(lastSeenAt) ? at : lastSeenAt;
            if (view.kind() == ViewKind.LEAVE && (endedAt == null || at.isAfter(endedAt))) {
                endedAt = at;
            }
        }
    }

    /**
     * Widens the sessions of these views with one statement. Rows go in key order, so two
     * transactions touching the same sessions lock them in the same order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Collection<ViewEvent> views) {
        Map<List<String>, Widening> sessions = new TreeMap<>(ViewSessions::compareKeys);
        for (ViewEvent view : views) {
            sessions.computeIfAbsent(
                            List.of(view.streamId(), view.sessionId()), k -> new Widening(view))
                    .add(view);
        }
        if (sessions.isEmpty()) {
            return;
        }
        List<String> streams = new ArrayList<>();
        List<String> sessionIds = new ArrayList<>();
        List<String> tenants = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> viewers = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        List<String> playbacks = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        List<String> links = new ArrayList<>();
        List<Instant> started = new ArrayList<>();
        List<Instant> lastSeen = new ArrayList<>();
        List<Instant> ended = new ArrayList<>();
        for (Widening w : sessions.values()) {
            streams.add(w.first.streamId());
            sessionIds.add(w.first.sessionId());
            tenants.add(w.first.tenantId());
            types.add(w.first.streamType().name());
            viewers.add(w.first.viewerId());
            channels.add(channelOf(w.first));
            playbacks.add(w.first.playback().name());
            devices.add(w.first.device().name());
            links.add(w.first.linkId());
            started.add(w.startedAt);
            lastSeen.add(w.lastSeenAt);
            ended.add(w.endedAt);
        }
        sql.update(
                "insert into view_session as s (stream_id, session_id, tenant_id, stream_type,"
                        + " viewer_id, channel, playback, device, link_id, started_at,"
                        + " last_seen_at, ended_at, ended_by) select u.*, case when u.ended_at is"
                        + " not null then 'LEAVE' end from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " cast(? as timestamptz[]), cast(? as timestamptz[]), cast(? as"
                        + " timestamptz[])) as u(stream_id, session_id, tenant_id, stream_type,"
                        + " viewer_id, channel, playback, device, link_id, started_at,"
                        + " last_seen_at, ended_at)"
                        + " on conflict (stream_id, session_id) do update set"
                        + " started_at = least(s.started_at, excluded.started_at),"
                        + " last_seen_at = greatest(s.last_seen_at, excluded.last_seen_at),"
                        // A forced end (revocation, departure) is final; a session silence
                        // ended comes back with a later sign of life; a LEAVE ends any other.
                        + " ended_at = case when s.ended_by in "
                        + SessionLifecycle.FORCED
                        + " then s.ended_at when s.ended_by = 'TIMEOUT' and excluded.last_seen_at"
                        + " > s.last_seen_at then excluded.ended_at when excluded.ended_at is not"
                        + " null then greatest(s.ended_at, excluded.ended_at) else s.ended_at"
                        + " end, ended_by = case when s.ended_by in "
                        + SessionLifecycle.FORCED
                        + " then s.ended_by when s.ended_by = 'TIMEOUT' and"
                        + " excluded.last_seen_at > s.last_seen_at then excluded.ended_by when"
                        + " excluded.ended_at is not null then 'LEAVE' else s.ended_by end",
                Column.text(streams),
                Column.text(sessionIds),
                Column.text(tenants),
                Column.text(types),
                Column.text(viewers),
                Column.text(channels),
                Column.text(playbacks),
                Column.text(devices),
                Column.text(links),
                Column.instants(started),
                Column.instants(lastSeen),
                Column.instants(ended));
    }

    /**
     * Keeps the events themselves and each viewer's first join, which windows count from; an event
     * id already kept is skipped.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEvents(Map<String, ViewEvent> viewsById) {
        if (viewsById.isEmpty()) {
            return;
        }
        Map<String, ViewEvent> byId = new TreeMap<>(viewsById);
        sql.update(
                "insert into view_event (event_id, stream_id, viewer_id, session_id, kind, channel,"
                        + " occurred_at) select * from unnest(?, ?, ?, ?, ?, ?,"
                        + " cast(? as timestamptz[])) on conflict do nothing",
                Column.text(byId.keySet()),
                Column.text(byId.values().stream().map(ViewEvent::streamId).toList()),
                Column.text(byId.values().stream().map(ViewEvent::viewerId).toList()),
                Column.text(byId.values().stream().map(ViewEvent::sessionId).toList()),
                Column.text(byId.values().stream().map(v -> v.kind().name()).toList()),
                Column.text(byId.values().stream().map(ViewSessions::channelOf).toList()),
                Column.instants(byId.values().stream().map(ViewEvent::occurredAt).toList()));

        Map<List<String>, Instant> firstJoins = new TreeMap<>(ViewSessions::compareKeys);
        for (ViewEvent view : byId.values()) {
            if (view.kind() == ViewKind.JOIN) {
                firstJoins.merge(
                        List.of(view.streamId(), view.viewerId()),
                        view.occurredAt(),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        if (firstJoins.isEmpty()) {
            return;
        }
        sql.update(
                "insert into stream_viewer as v (stream_id, viewer_id, first_join_at)"
                        + " select * from unnest(?, ?, cast(? as timestamptz[]))"
                        + " on conflict (stream_id, viewer_id) do update set"
                        + " first_join_at = least(v.first_join_at, excluded.first_join_at)"
                        + " where excluded.first_join_at < v.first_join_at",
                Column.text(firstJoins.keySet().stream().map(k -> k.get(0)).toList()),
                Column.text(firstJoins.keySet().stream().map(k -> k.get(1)).toList()),
                Column.instants(firstJoins.values()));
    }

    /** Orders two-part keys (stream id, then session or viewer id). */
    public static int compareKeys(List<String> a, List<String> b) {
        int byFirst = a.get(0).compareTo(b.get(0));
        return byFirst != 0 ? byFirst : a.get(1).compareTo(b.get(1));
    }
}
