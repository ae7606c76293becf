package io.livelink.link.cdn;

import io.livelink.link.signing.LinkSigner;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs play URLs in the scheme the configured CDN verifies, so a player's URL works only until it
 * expires and only for its stream. Each scheme follows its vendor's published formula.
 */
@ApplicationScoped
public class PlayUrlSigner {

    /** Streams watched at once, far above; past it the kept URLs are dropped and signed anew. */
    private static final int MAX_STREAMS_KEPT = 10_000;

    private final CdnSettings settings;
    private final LinkSigner linkSigner;
    private final Map<String, Signed> lastSigned = new ConcurrentHashMap<>();

    public PlayUrlSigner(CdnSettings settings, LinkSigner linkSigner) {
        this.settings = settings;
        this.linkSigner = linkSigner;
        if (settings.profile() != CdnSettings.Profile.NATIVE
                && settings.primaryKey().isEmpty()
                && settings.backupKey().isEmpty()) {
            throw new IllegalStateException(
                    "livelink.cdn.profile "
                            + settings.profile()
                            + " needs livelink.cdn.primary-key");
        }
    }

    /**
     * The play URL of a stream, valid until {@code now + validity}. Every viewer of a stream asking
     * within the same second gets the same URL (it expires at a whole second and the keys are
     * fixed), so each stream's last one is kept and signed again only when its second has passed:
     * one signature a stream a second instead of one per resolve and heartbeat.
     */
    public String playUrl(String streamId, Instant now) {
        long expires = now.plus(settings.validity()).getEpochSecond();
        Signed last = lastSigned.get(streamId);
        if (last != null && last.expires() == expires) {
            return last.url();
        }
        String url = sign(streamId, expires);
        if (lastSigned.size() >= MAX_STREAMS_KEPT) {
            lastSigned.clear();
        }
        lastSigned.put(streamId, new Signed(expires, url));
        return url;
    }

    /** A stream's last signed play URL and the second it expires at. */
    private record Signed(long expires, String url) {}

    /** The play URL of a stream, signed now, valid until {@code expires} (epoch seconds). */
    String sign(String streamId, long expires) {
        String url = settings.playBaseUrl() + "/" + streamId + settings.suffix();
        return switch (settings.profile()) {
            case NATIVE -> nativeHmac(url, expires);
            case TENCENT -> tencent(url, streamId, expires, key());
            case ALIBABA -> alibaba(url, expires, key());
            case NGINX -> nginx(url, expires, key());
        };
    }

    /** When a play URL signed now stops working. */
    public Instant expiresAt(Instant now) {
        return Instant.ofEpochSecond(now.plus(settings.validity()).getEpochSecond());
    }

    private String key() {
        return settings.useBackupKey()
                ? settings.backupKey()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "livelink.cdn.backup-key is not set"))
                : settings.primaryKey().or(settings::backupKey).orElseThrow();
    }

    String nativeHmac(String url, long expires) {
        LinkSigner.Signature signature =
                linkSigner.sign(URI.create(url).getPath() + "\n" + expires);
        return url + "?exp=" + expires + "&kid=" + signature.keyId() + "&sig=" + signature.value();
    }

    static String tencent(String url, String streamName, long expires, String key) {
        String txTime = Long.toHexString(expires).toUpperCase(Locale.ROOT);
        return url + "?txSecret=" + md5Hex(key + streamName + txTime) + "&txTime=" + txTime;
    }

    /** rand and uid are "0": the URL's lifetime, not a nonce, bounds its reuse. */
    static String alibaba(String url, long expires, String key) {
        String uri = URI.create(url).getPath();
        String hash = md5Hex(uri + "-" + expires + "-0-0-" + key);
        return url + "?auth_key=" + expires + "-0-0-" + hash;
    }

    /**
     * For {@code secure_link $arg_md5,$arg_expires; secure_link_md5 "$secure_link_expires$uri
     * <key>";}.
     */
    static String nginx(String url, long expires, String key) {
        String uri = URI.create(url).getPath();
        byte[] digest = md5(expires + uri + " " + key);
        return url
                + "?md5="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(digest)
                + "&expires="
                + expires;
    }

    private static String md5Hex(String text) {
        return HexFormat.of().formatHex(md5(text));
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
