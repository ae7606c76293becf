package io.livelink.link.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.link.signing.LinkSigner;
import io.livelink.link.signing.MemberIdCipher;
import io.livelink.link.signing.SigningSettings;
import io.livelink.link.signing.TestSigningSettings;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The session token alone, without a service: what it carries and what passes for one. */
class ViewSessionTokensTest {

    private static final String K1 = key();
    private static final String K2 = key();
    private static final String MEMBER_KEY = key();
    private static final String LINK_ID = "7d0c1d0e-8f1e-4b52-a1b9-3e2c4d5f6a7b";

    /** The link the session was opened through, as link-service keeps it. */
    private static final ResolveTargets.LinkTarget LINK =
            new ResolveTargets.LinkTarget(
                    LINK_ID,
                    "tenant-1",
                    "stream-1",
                    StreamType.ENTERPRISE,
                    "wecom",
                    "wecom",
                    null,
                    "q4 \"launch\" 发布会",
                    null,
                    null,
                    "zhang.san",
                    false);

    private final ViewSessionToken session =
            new ViewSessionToken(
                    "0b9f6b2e-5a1c-4d3e-9f7a-2c4e6a8b0d1f",
                    "stream-1",
                    "tenant-1",
                    StreamType.ENTERPRISE,
                    LINK_ID,
                    "zhang.san",
                    Playback.LIVE,
                    Device.MOBILE,
                    "wecom",
                    "wecom",
                    null,
                    "q4 \"launch\" 发布会",
                    Instant.parse("2026-11-29T10:15:30.123Z"));

    @Test
    void aTokenCarriesItsSessionAndHidesTheViewer() {
        ViewSessionTokens tokens = tokens("k1", "k1:" + K1);
        String token = tokens.issue(session);
        assertThat(token).startsWith("v2.").doesNotContain("zhang.san");
        assertThat(
                        new String(
                                Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                                StandardCharsets.UTF_8))
                .doesNotContain("zhang.san");
        assertThat(tokens.read(token)).contains(session);
    }

    /** nginx-rtmp passes on at most 256 bytes of a player's URL arguments ({@code session=…}). */
    @Test
    void aTokenFitsTheArgumentsNginxRtmpPassesOn() {
        ViewSessionTokens tokens = tokens("local-1", "local-1:" + K1);
        for (String viewer :
                new String[] {
                    UUID.randomUUID().toString(),
                    "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
                    "zhang.san.engineering"
                }) {
            ViewSessionToken of =
                    new ViewSessionToken(
                            UUID.randomUUID().toString(),
                            "stream-1",
                            "tenant-1",
                            StreamType.ENTERPRISE,
                            LINK_ID,
                            viewer,
                            Playback.REPLAY,
                            Device.TV,
                            "wecom",
                            "wecom",
                            null,
                            "q4 \"launch\" 发布会",
                            Instant.parse("2026-11-29T10:15:30.123Z"));
            String token = tokens.issue(of);
            assertThat(("session=" + token).length()).as(token).isLessThan(256);
            assertThat(tokens.read(token)).contains(of);
        }
    }

    @Test
    void changingAnySingleCharacterGetsTheTokenRefused() {
        ViewSessionTokens tokens = tokens("k1", "k1:" + K1);
        String token = tokens.issue(session);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        for (int i = 0; i < token.length(); i++) {
            char replacement =
                    alphabet.charAt((alphabet.indexOf(token.charAt(i)) + 1) % alphabet.length());
            String altered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThat(tokens.read(altered)).as("changed at %d: %s", i, altered).isEmpty();
        }
        assertThat(tokens.read(token + "A")).isEmpty();
        assertThat(tokens.read(token.substring(0, token.length() - 1))).isEmpty();
    }

    @Test
    void noOtherLiveLinkSignatureOverTheSamePayloadPassesForOne() {
        LinkSigner signer = signer("k1", "k1:" + K1);
        ViewSessionTokens tokens = tokens(signer);
        String payload = tokens.issue(session).split("\\.")[1];
        // The same key signing the payload under another canonical form (a link, a play URL).
        for (String canonical : new String[] {payload, "livelink-player-token-v1\n" + payload}) {
            LinkSigner.Signature other = signer.sign(canonical);
            assertThat(tokens.read("v2." + payload + "." + other.keyId() + "." + other.value()))
                    .isEmpty();
        }
    }

    @Test
    void keysRotateAsTheLinkKeysDo() {
        String issuedWithOldKey = tokens("k1", "k1:" + K1).issue(session);
        ViewSessionTokens rotated = tokens("k2", "k2:" + K2 + ",k1:" + K1);
        assertThat(rotated.read(issuedWithOldKey)).contains(session);
        assertThat(rotated.issue(session)).contains(".k2.");
        assertThat(tokens("k2", "k2:" + K2).read(issuedWithOldKey)).as("k1 retired").isEmpty();
    }

    /** A viewer id packs as a UUID exactly when it reads back as the same text. */
    @Test
    void aViewerIdIsACanonicalUuidExactlyWhenItReadsBackTheSame() {
        String uuid = UUID.randomUUID().toString();
        for (String id :
                new String[] {
                    uuid,
                    uuid.toUpperCase(java.util.Locale.ROOT),
                    "1-2-3-4-5",
                    "00000000-0000-0000-0000-00000000000g",
                    "00000000-0000-0000-0000-000000000000",
                    "ffffffff-ffff-ffff-ffff-ffffffffffff",
                    "ffffffff-ffff-ffff-ffff-fffffffffffff",
                    "ffffffff_ffff-ffff-ffff-ffffffffffff",
                    "o3AbC-openid-of-wechat-0123456789abc",
                    ""
                }) {
            assertThat(ViewSessionTokens.isCanonicalUuid(id)).as(id).isEqualTo(readsBack(id));
        }
    }

    private static boolean readsBack(String id) {
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }

    private static ViewSessionTokens tokens(String primary, String keys) {
        return tokens(signer(primary, keys));
    }

    private static ViewSessionTokens tokens(LinkSigner signer) {
        return new ViewSessionTokens(
                signer,
                new MemberIdCipher(settings("k1", "k1:" + K1)),
                linkId -> linkId.equals(LINK_ID) ? Optional.of(LINK) : Optional.empty());
    }

    private static LinkSigner signer(String primary, String keys) {
        return new LinkSigner(settings(primary, keys));
    }

    private static SigningSettings settings(String primary, String keys) {
        return new TestSigningSettings(keys, primary, MEMBER_KEY);
    }

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
