package io.livelink.link.view;

import io.livelink.link.issue.LinkSettings;
import io.livelink.link.signing.LinkSigner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The token a browser carries from an H5 link to the player: {@code
 * {expires}.{kid}.{sig}.{viewSessionToken}}, HMAC-SHA256 with the link keys over a canonical form
 * of its own ({@code livelink-player-token-v1}), so no other LiveLink signature passes for one. It
 * lives only a minute by default: the player exchanges it at once for the session token, and a
 * player URL copied from the address bar is soon worthless.
 */
@ApplicationScoped
public class PlayerTokens {

    private static final String CANONICAL_PREFIX = "livelink-player-token-v1\n";

    /** Epoch seconds in canonical decimal: no sign, no leading zero. */
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[1-9][0-9]{0,11}");

    private final LinkSigner signer;
    private final Duration validity;

    public PlayerTokens(LinkSigner signer, LinkSettings settings) {
        this.signer = signer;
        this.validity = settings.playerTokenValidity();
    }

    public String issue(String viewSessionToken, Instant now) {
        long expires = now.plus(validity).getEpochSecond();
        LinkSigner.Signature signature = signer.sign(canonical(expires, viewSessionToken));
        return expires + "." + signature.keyId() + "." + signature.value() + "." + viewSessionToken;
    }

    /**
     * The view session token the player token carries; 403 {@code tampered} when it is not
     * LiveLink's or was altered (checked first, so a forgery learns nothing), 410 {@code expired}
     * once its minute is up.
     */
    public String sessionOf(String token, Instant now) {
        if (token == null || token.length() > ViewSessionTokens.MAX_LENGTH + 128) {
            throw ViewRefusals.tampered("Player token");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        int third = second < 0 ? -1 : token.indexOf('.', second + 1);
        if (first <= 0 || second < 0 || third < 0) {
            throw ViewRefusals.tampered("Player token");
        }
        String expires = token.substring(0, first);
        String keyId = token.substring(first + 1, second);
        String signature = token.substring(second + 1, third);
        String sessionToken = token.substring(third + 1);
        if (!EPOCH_SECONDS.matcher(expires).matches()
                || !signer.verify(
                        keyId, canonical(Long.parseLong(expires), sessionToken), signature)) {
            throw ViewRefusals.tampered("Player token");
        }
        if (!now.isBefore(Instant.ofEpochSecond(Long.parseLong(expires)))) {
            throw ViewRefusals.gone(
                    "expired",
                    "Player token expired",
                    "the player token expired; open the link again");
        }
        return sessionToken;
    }

    private static String canonical(long expires, String sessionToken) {
        return CANONICAL_PREFIX + expires + "\n" + sessionToken;
    }
}
