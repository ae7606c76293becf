package io.livelink.link.media;

import io.livelink.commons.problem.ProblemException;
import io.livelink.link.issue.StreamLink;
import io.livelink.link.resolve.ViewSession;
import io.livelink.link.session.ViewSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Whether a player may play a stream: its play URL must carry {@code session=<viewSessionId>}, the
 * id resolve answered, of a view session of that stream that is still open and whose link is not
 * revoked. The unguessable session id is the link token: only someone who resolved a valid link
 * holds one. When the player stops, the media server's stop callback closes the session (LEAVE).
 */
@ApplicationScoped
public class PlayAuthorization {

    private final ViewSessions sessions;

    public PlayAuthorization(ViewSessions sessions) {
        this.sessions = sessions;
    }

    /** Returns normally when playing is allowed; refuses with a 403 problem naming why. */
    @Transactional
    public void requireMayPlay(String streamId, String sessionId) {
        ViewSession session = sessionOf(streamId, sessionId);
        if (session == null) {
            throw ProblemException.forbidden(
                    "bad-view-session", "no view session of this stream with that id");
        }
        if (session.closedAt != null) {
            throw ProblemException.forbidden("session-closed", "the view session has ended");
        }
        StreamLink link = StreamLink.findById(session.linkId);
        if (link == null || link.revokedAt != null) {
            throw ProblemException.forbidden(
                    "revoked", "the link of this view session was revoked");
        }
    }

    /**
     * The player stopped: closes its view session (LEAVE) if it is an open session of that stream;
     * anything else (no session argument, another stream's session, already closed) changes
     * nothing.
     */
    @Transactional
    public void stopped(String streamId, String sessionId) {
        ViewSession session = sessionOf(streamId, sessionId);
        if (session != null && session.closedAt == null) {
            sessions.leave(session.id);
        }
    }

    private static ViewSession sessionOf(String streamId, String sessionId) {
        if (streamId == null
                || sessionId == null
                || sessionId.isBlank()
                || sessionId.length() > 64) {
            return null;
        }
        ViewSession session = ViewSession.findById(sessionId);
        return session != null && session.streamId.equals(streamId) ? session : null;
    }
}
