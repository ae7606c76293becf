package io.livelink.analytics.session;

import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Stores view sessions (JOIN … HEARTBEAT … LEAVE, keyed by session id) as intervals in PostgreSQL.
 * Events may arrive in any order: each only widens its session, so applying the same set of events
 * in any order gives the same interval.
 */
@ApplicationScoped
public class ViewSessions {

    private final EntityManager entityManager;

    public ViewSessions(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The channel a view is reported under: the UTM source, else the link's channel. */
    public static String channelOf(ViewEvent view) {
        return view.utmSource() != null && !view.utmSource().isBlank()
                ? view.utmSource()
                : view.channel();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(ViewEvent view) {
        entityManager
                .createNativeQuery(
                        "insert into view_session as s (stream_id, session_id, tenant_id,"
                                + " stream_type, viewer_id, channel, playback, device, started_at,"
                                + " last_seen_at, ended_at) values (:stream, :session, :tenant, :type,"
                                + " :viewer, :channel, :playback, :device, :at, :at, :endedAt)"
                                + " on conflict (stream_id, session_id) do update set"
                                + " started_at = least(s.started_at, excluded.started_at),"
                                + " last_seen_at = greatest(s.last_seen_at, excluded.last_seen_at),"
                                + " ended_at = coalesce(greatest(s.ended_at, excluded.ended_at),"
                                + " s.ended_at, excluded.ended_at)")
                .setParameter("stream", view.streamId())
                .setParameter("session", view.sessionId())
                .setParameter("tenant", view.tenantId())
                .setParameter("type", view.streamType().name())
                .setParameter("viewer", view.viewerId())
                .setParameter("channel", channelOf(view))
                .setParameter("playback", view.playback().name())
                .setParameter("device", view.device().name())
                .setParameter("at", view.occurredAt())
                .setParameter("endedAt", view.kind() == ViewKind.LEAVE ? view.occurredAt() : null)
                .executeUpdate();
    }

    /** Keeps the event itself and each viewer's first join, which windows count from. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEvent(String eventId, ViewEvent view) {
        entityManager
                .createNativeQuery(
                        "insert into view_event (event_id, stream_id, viewer_id, session_id, kind,"
                                + " channel, occurred_at) values (:id, :stream, :viewer, :session,"
                                + " :kind, :channel, :at) on conflict do nothing")
                .setParameter("id", eventId)
                .setParameter("stream", view.streamId())
                .setParameter("viewer", view.viewerId())
                .setParameter("session", view.sessionId())
                .setParameter("kind", view.kind().name())
                .setParameter("channel", channelOf(view))
                .setParameter("at", view.occurredAt())
                .executeUpdate();
        if (view.kind() == ViewKind.JOIN) {
            entityManager
                    .createNativeQuery(
                            "insert into stream_viewer as v (stream_id, viewer_id, first_join_at)"
                                    + " values (:stream, :viewer, :at) on conflict (stream_id,"
                                    + " viewer_id) do update set first_join_at ="
                                    + " least(v.first_join_at, excluded.first_join_at)")
                    .setParameter("stream", view.streamId())
                    .setParameter("viewer", view.viewerId())
                    .setParameter("at", view.occurredAt())
                    .executeUpdate();
        }
    }
}
