package io.livelink.link.view;

import io.livelink.commons.outbox.KafkaFirstPublisher;
import io.livelink.commons.refusal.DomainRefusal;
import io.livelink.commons.refusal.Refused;
import io.livelink.events.ViewKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a media server may let a player play a stream: the player's URL carries {@code
 * session=<viewSession>}, the signed session token resolve answered, of that stream and still
 * watchable. The connection is remembered so a revocation can drop it ({@link MediaKicks}); when
 * the player stops, the server's stop callback is the session's LEAVE.
 */
@ApplicationScoped
public class PlayAuthorization {

    private final ViewSessions sessions;
    private final ViewSessionTokens tokens;
    private final MediaKicks kicks;
    private final KafkaFirstPublisher events;
    private final Clock clock;

    public PlayAuthorization(
            ViewSessions sessions,
            ViewSessionTokens tokens,
            MediaKicks kicks,
            KafkaFirstPublisher events,
            Clock clock) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.kicks = kicks;
        this.events = events;
        this.clock = clock;
    }

    /** Returns normally when playing is allowed; refuses with a 403 problem naming why. */
    public void requireMayPlay(String streamId, String token, MediaClient client) {
        if (token == null || token.isBlank()) {
            throw Refused.notAllowed(
                    "bad-view-session", "the play URL carries no session=<viewSession>");
        }
        ViewSessionToken session;
        try {
            session = sessions.watchable(token, clock.instant());
        } catch (DomainRefusal refused) {
            // Media servers know allow and deny; the reason stays in the problem for their logs.
            throw Refused.notAllowed(refused.reason(), refused.detail());
        }
        if (!session.streamId().equals(streamId)) {
            throw Refused.notAllowed("bad-view-session", "the view session is of another stream");
        }
        kicks.connected(session, client);
    }

    /**
     * The player stopped: its session's LEAVE, if the URL carried a session of that stream;
     * anything else (no session, another stream's, not LiveLink's) changes nothing.
     */
    public void stopped(String streamId, String token, MediaClient client) {
        kicks.disconnected(client);
        Optional<ViewSessionToken> session = token == null ? Optional.empty() : tokens.read(token);
        if (session.isPresent() && session.get().streamId().equals(streamId)) {
            Instant now = clock.instant();
            events.publish(session.get().event(ViewKind.LEAVE, now)).toCompletableFuture().join();
        }
    }
}
