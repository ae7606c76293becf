package io.livelink.link.session;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.problem.Problem;
import io.livelink.commons.problem.ProblemException;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.link.issue.StreamLink;
import io.livelink.link.resolve.ViewSession;
import io.livelink.link.resolve.ViewerIds;
import io.livelink.link.stream.LiveStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A view session's life after resolve: heartbeats keep it open, leave closes it, and a session that
 * stops beating is closed by the service at the time it was last seen. Each step is a ViewEvent
 * through the outbox, in the transaction that records it.
 */
@ApplicationScoped
public class ViewSessions {

    private final EventPublisher events;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Duration timeout;

    public ViewSessions(
            EventPublisher events,
            EntityManager entityManager,
            Clock clock,
            @ConfigProperty(name = "livelink.sessions.timeout", defaultValue = "PT60S")
                    Duration timeout) {
        this.events = events;
        this.entityManager = entityManager;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Transactional
    public void heartbeat(String sessionId) {
        ViewSession session = open(sessionId);
        session.lastSeenAt = clock.instant();
        announce(session, ViewKind.HEARTBEAT, session.lastSeenAt);
    }

    /** Closes the session; leaving twice changes nothing the second time. */
    @Transactional
    public void leave(String sessionId) {
        ViewSession session = ViewSession.findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
        if (session == null) {
            throw ProblemException.notFound("view session", sessionId);
        }
        if (session.closedAt == null) {
            close(session, clock.instant());
        }
    }

    /**
     * Closes sessions silent for longer than the timeout, as of when they were last seen. Rows are
     * claimed with SKIP LOCKED, so instances sweeping at once close each session once.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public int closeSilentSessions() {
        Instant cutoff = clock.instant().minus(timeout);
        List<ViewSession> silent =
                entityManager
                        .createNativeQuery(
                                "select * from view_session where closed_at is null and last_seen_at < :cutoff"
                                        + " order by last_seen_at limit 500 for update skip locked",
                                ViewSession.class)
                        .setParameter("cutoff", cutoff)
                        .getResultList();
        silent.forEach(session -> close(session, session.lastSeenAt));
        return silent.size();
    }

    /** Ends every open session of a member who left the tenant, as of now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closeSessionsOf(String tenantId, String memberId) {
        Instant now = clock.instant();
        ViewSession.<ViewSession>list("#" + ViewSession.OPEN_OF_VIEWER, tenantId, memberId)
                .forEach(session -> close(session, now));
    }

    /** Ends these open sessions as of now: their viewers may no longer watch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endNow(List<ViewSession> open) {
        Instant now = clock.instant();
        open.forEach(session -> close(session, now));
    }

    private void close(ViewSession session, Instant at) {
        session.closedAt = at;
        announce(session, ViewKind.LEAVE, at);
    }

    private ViewSession open(String sessionId) {
        ViewSession session = ViewSession.findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
        if (session == null) {
            throw ProblemException.notFound("view session", sessionId);
        }
        if (session.closedAt != null) {
            throw new ProblemException(
                    Problem.of(
                            410,
                            "session-closed",
                            "View session closed",
                            "the session ended at " + session.closedAt));
        }
        return session;
    }

    private void announce(ViewSession session, ViewKind kind, Instant at) {
        StreamLink link = StreamLink.findById(session.linkId);
        LiveStream stream = LiveStream.findById(session.streamId);
        events.publish(
                new ViewEvent(
                        stream.id,
                        stream.tenantId,
                        stream.type,
                        link.id,
                        session.viewerId,
                        ViewerIds.kindFor(stream.type),
                        session.id,
                        kind,
                        session.playback,
                        session.device,
                        link.channel,
                        link.utmSource,
                        link.utmMedium,
                        link.utmCampaign,
                        at));
    }
}
