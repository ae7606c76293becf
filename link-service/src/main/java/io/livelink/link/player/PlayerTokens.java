package io.livelink.link.player;

import io.livelink.commons.problem.Problem;
import io.livelink.commons.problem.ProblemException;
import io.livelink.link.issue.LinkSettings;
import io.livelink.link.signing.LinkSigner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * The token a browser carries from an H5 link to the player: {@code
 * {viewSessionId}.{expires}.{kid}.{sig}}, HMAC-SHA256 with the link keys (so it rotates with them)
 * over a canonical form of its own, so no other LiveLink signature can pass for one. It names the
 * view session the link opened and lives only a minute by default: the player exchanges it at once,
 * and a player URL copied from the address bar is soon worthless.
 */
@ApplicationScoped
public class PlayerTokens {

    private static final String CANONICAL_PREFIX = "livelink-player-token-v1\n";
    private static final int MAX_LENGTH = 256;

    private final LinkSigner signer;
    private final Duration validity;

    public PlayerTokens(LinkSigner signer, LinkSettings settings) {
        this.signer = signer;
        this.validity = settings.playerTokenValidity();
    }

    public String issue(String sessionId, Instant now) {
        long expires = now.plus(validity).getEpochSecond();
        LinkSigner.Signature signature = signer.sign(canonical(sessionId, expires));
        return sessionId + "." + expires + "." + signature.keyId() + "." + signature.value();
    }

    /**
     * The view session a token names; a token that is not LiveLink's, or was altered, is refused
     * with 403 {@code tampered} (checked first, so a forgery learns nothing), an old one with 410
     * {@code expired}.
     */
    public String sessionOf(String token, Instant now) {
        if (token == null || token.length() > MAX_LENGTH) {
            throw tampered();
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        int last = token.lastIndexOf('.');
        if (first <= 0 || second < 0 || last <= second) {
            throw tampered();
        }
        String sessionId = token.substring(0, first);
        String expires = token.substring(first + 1, second);
        String keyId = token.substring(second + 1, last);
        String signature = token.substring(last + 1);
        if (!expires.matches("\\d{1,12}")
                || !signer.verify(
                        keyId, canonical(sessionId, Long.parseLong(expires)), signature)) {
            throw tampered();
        }
        if (!now.isBefore(Instant.ofEpochSecond(Long.parseLong(expires)))) {
            throw new ProblemException(
                    Problem.of(
                            410,
                            "expired",
                            "Player token expired",
                            "the player token expired; open the link again"));
        }
        return sessionId;
    }

    private static String canonical(String sessionId, long expires) {
        return CANONICAL_PREFIX + sessionId + "\n" + expires;
    }

    private static ProblemException tampered() {
        return new ProblemException(
                Problem.of(
                        403,
                        "tampered",
                        "Player token not valid",
                        "the player token was altered or not issued by LiveLink"));
    }
}
