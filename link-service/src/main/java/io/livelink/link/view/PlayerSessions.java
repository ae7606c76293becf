package io.livelink.link.view;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Exchanges a player token for what the player needs, as resolving the link answered: the same view
 * session, a freshly signed play URL. The session must still be watchable, so a revocation also
 * stops players that have not fetched their URL yet.
 */
@ApplicationScoped
public class PlayerSessions {

    private final PlayerTokens tokens;
    private final ViewSessions sessions;
    private final Clock clock;

    public PlayerSessions(PlayerTokens tokens, ViewSessions sessions, Clock clock) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.clock = clock;
    }

    public ResolveAnswer exchange(String playerToken) {
        return sessions.answer(tokens.sessionOf(playerToken, clock.instant()));
    }
}
