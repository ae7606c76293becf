package io.livelink.link.view;

import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.link.signing.LinkSigner;
import io.livelink.link.signing.MemberIdCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A view session as a string: {@code v2.<payload>.<kid>.<sig>}, about 160 characters, so it fits
 * the 256 bytes nginx-rtmp passes on of a player's URL arguments. The payload (base64url) packs the
 * session id, the link id, the opening time (ms), playback and device, and the viewer id sealed
 * with AES-256-GCM (nonce from the random session id, the other fields as associated data): member
 * ids and OpenIDs never show in a URL or a media server's log. What a link fixes for each of its
 * sessions (stream, tenant, type, channel, UTM) is read from the link, kept in memory ({@link
 * LinkFacts}), not repeated in every token. The signature is HMAC-SHA256 with the link keys (they
 * rotate together) over {@code livelink-view-session-v2\n<payload>}, a canonical form no other
 * LiveLink signature shares; it covers the payload's exact text, so exactly one string is valid per
 * session.
 */
@ApplicationScoped
public class ViewSessionTokens {

    /** Where the immutable facts of a link come from. */
    @FunctionalInterface
    public interface LinkFacts {
        Optional<ResolveTargets.LinkTarget> of(String linkId);
    }

    private static final String VERSION = "v2";
    private static final String CANONICAL_PREFIX = "livelink-view-session-v2\n";
    private static final int FIXED = 16 + 16 + 8 + 1;
    private static final byte TEXT = 0;
    private static final byte UUID_BYTES = 1;

    /** Far above a real token: a longer one is refused before any work. */
    static final int MAX_LENGTH = 1024;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final LinkSigner signer;
    private final MemberIdCipher cipher;
    private final LinkFacts links;

    @Inject
    public ViewSessionTokens(LinkSigner signer, MemberIdCipher cipher, ResolveTargets targets) {
        this(signer, cipher, targets::linkFacts);
    }

    ViewSessionTokens(LinkSigner signer, MemberIdCipher cipher, LinkFacts links) {
        this.signer = signer;
        this.cipher = cipher;
        this.links = links;
    }

    public String issue(ViewSessionToken session) {
        byte[] viewer = viewerBytes(session.viewerId());
        ByteBuffer fixed = ByteBuffer.allocate(FIXED);
        putUuid(fixed, session.sessionId());
        putUuid(fixed, session.linkId());
        fixed.putLong(session.openedAt().toEpochMilli());
        fixed.put((byte) (session.playback().ordinal() | session.device().ordinal() << 1));
        byte[] header = fixed.array();
        byte[] sealed = cipher.seal(viewer, header, header);
        String payload =
                ENCODER.encodeToString(
                        ByteBuffer.allocate(header.length + sealed.length)
                                .put(header)
                                .put(sealed)
                                .array());
        LinkSigner.Signature signature = signer.sign(CANONICAL_PREFIX + payload);
        return VERSION + "." + payload + "." + signature.keyId() + "." + signature.value();
    }

    /** The session the token describes; empty when it is not one LiveLink signed, as it is. */
    public Optional<ViewSessionToken> read(String token) {
        if (token == null || token.length() > MAX_LENGTH || !token.startsWith(VERSION + ".")) {
            return Optional.empty();
        }
        int payloadEnd = token.indexOf('.', VERSION.length() + 1);
        int keyEnd = payloadEnd < 0 ? -1 : token.indexOf('.', payloadEnd + 1);
        if (keyEnd < 0 || token.indexOf('.', keyEnd + 1) >= 0) {
            return Optional.empty();
        }
        String payload = token.substring(VERSION.length() + 1, payloadEnd);
        String keyId = token.substring(payloadEnd + 1, keyEnd);
        String signature = token.substring(keyEnd + 1);
        if (!signer.verify(keyId, CANONICAL_PREFIX + payload, signature)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(payload);
        } catch (IllegalArgumentException signedButNotBase64) {
            return Optional.empty();
        }
        if (bytes.length <= FIXED) {
            return Optional.empty();
        }
        byte[] header = Arrays.copyOfRange(bytes, 0, FIXED);
        ByteBuffer fixed = ByteBuffer.wrap(header);
        String sessionId = new UUID(fixed.getLong(), fixed.getLong()).toString();
        String linkId = new UUID(fixed.getLong(), fixed.getLong()).toString();
        Instant openedAt = Instant.ofEpochMilli(fixed.getLong());
        int flags = fixed.get();
        Playback[] playbacks = Playback.values();
        Device[] devices = Device.values();
        if ((flags & 1) >= playbacks.length || (flags >> 1) >= devices.length) {
            return Optional.empty();
        }
        Optional<String> viewer =
                cipher.open(bytes, FIXED, bytes.length - FIXED, header, header)
                        .flatMap(ViewSessionTokens::viewerId);
        if (viewer.isEmpty()) {
            return Optional.empty();
        }
        return links.of(linkId)
                .map(
                        link ->
                                new ViewSessionToken(
                                        sessionId,
                                        link.streamId(),
                                        link.tenantId(),
                                        link.streamType(),
                                        linkId,
                                        viewer.get(),
                                        playbacks[flags & 1],
                                        devices[flags >> 1],
                                        link.channel(),
                                        link.utmSource(),
                                        link.utmMedium(),
                                        link.utmCampaign(),
                                        openedAt));
    }

    /** A viewer id that is a UUID (cloud UIDs) packs into 16 bytes, anything else is UTF-8. */
    private static byte[] viewerBytes(String viewerId) {
        if (isCanonicalUuid(viewerId)) {
            UUID uuid = UUID.fromString(viewerId);
            return ByteBuffer.allocate(17)
                    .put(UUID_BYTES)
                    .putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits())
                    .array();
        }
        byte[] text = viewerId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + text.length).put(TEXT).put(text).array();
    }

    /**
     * Whether the id is a UUID exactly as {@link UUID#toString()} writes it (lower-case hex,
     * 8-4-4-4-12), so that it reads back the same: checked by its characters instead of parsing and
     * writing it again, once per issued token.
     */
    static boolean isCanonicalUuid(String id) {
        if (id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean ok =
                    (i == 8 || i == 13 || i == 18 || i == 23)
                            ? c == '-'
                            : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> viewerId(byte[] plain) {
        if (plain.length == 17 && plain[0] == UUID_BYTES) {
            ByteBuffer uuid = ByteBuffer.wrap(plain, 1, 16);
            return Optional.of(new UUID(uuid.getLong(), uuid.getLong()).toString());
        }
        if (plain.length >= 1 && plain[0] == TEXT) {
            return Optional.of(new String(plain, 1, plain.length - 1, StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    private static void putUuid(ByteBuffer buffer, String id) {
        UUID uuid = UUID.fromString(id);
        buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    }
}
