package io.livelink.link.player;

import io.livelink.commons.problem.Problem;
import io.livelink.commons.problem.ProblemException;
import io.livelink.link.cdn.PlayUrlSigner;
import io.livelink.link.issue.StreamLink;
import io.livelink.link.resolve.ResolveAnswer;
import io.livelink.link.resolve.ViewSession;
import io.livelink.link.stream.LiveStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Exchanges a player token for what the player needs, as resolving the link would have answered:
 * the same view session, a freshly signed play URL. The session must still be open and its link not
 * revoked, so a revocation also stops players that have not fetched their URL yet.
 */
@ApplicationScoped
public class PlayerSessions {

    private final PlayerTokens tokens;
    private final PlayUrlSigner playUrls;
    private final Clock clock;

    public PlayerSessions(PlayerTokens tokens, PlayUrlSigner playUrls, Clock clock) {
        this.tokens = tokens;
        this.playUrls = playUrls;
        this.clock = clock;
    }

    @Transactional
    public ResolveAnswer exchange(String token) {
        Instant now = clock.instant();
        String sessionId = tokens.sessionOf(token, now);
        ViewSession session = ViewSession.findById(sessionId);
        if (session == null) {
            throw ProblemException.notFound("view session", sessionId);
        }
        if (session.closedAt != null) {
            throw gone("session-closed", "the view session ended at " + session.closedAt);
        }
        StreamLink link = StreamLink.findById(session.linkId);
        if (link.revokedAt != null) {
            throw gone("revoked", "this link was revoked");
        }
        LiveStream stream = LiveStream.findById(session.streamId);
        return new ResolveAnswer(
                stream.id,
                stream.type,
                stream.state,
                session.playback,
                playUrls.playUrl(stream.id, now),
                session.id,
                session.viewerId);
    }

    private static ProblemException gone(String reason, String detail) {
        return new ProblemException(Problem.of(410, reason, "Gone", detail));
    }
}
