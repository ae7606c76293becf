package io.livelink.link.signing;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a link's canonical fields, with a key id so keys rotate without downtime: the
 * primary key signs, every configured key verifies. Comparison is constant-time.
 */
@ApplicationScoped
public class LinkSigner {

    public record Signature(String keyId, String value) {}

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, SecretKeySpec> keys;
    private final String primary;
    private final Map<String, ThreadLocal<Mac>> macs = new LinkedHashMap<>();
    private final ThreadLocal<Mac> primaryMacs;

    public LinkSigner(SigningSettings settings) {
        this.keys = parseKeys(settings.keys());
        this.primary = settings.primary();
        if (!keys.containsKey(primary)) {
            throw new IllegalStateException(
                    "livelink.signing.primary '"
                            + primary
                            + "' is not among livelink.signing.keys "
                            + keys.keySet());
        }
        keys.forEach((kid, key) -> macs.put(kid, ThreadLocal.withInitial(() -> newMac(key))));
        this.primaryMacs = macs.get(primary);
    }

    public Signature sign(String canonical) {
        // The primary key's Macs without a lookup by key id: every token and play URL signs.
        return new Signature(primary, mac(primaryMacs, canonical));
    }

    /** False for an unknown key id or a wrong signature; never throws on bad input. */
    public boolean verify(String keyId, String canonical, String signature) {
        if (keyId == null || signature == null || !keys.containsKey(keyId)) {
            return false;
        }
        byte[] expected = mac(keyId, canonical).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String keyId, String canonical) {
        return mac(macs.get(keyId), canonical);
    }

    private static String mac(ThreadLocal<Mac> macs, String canonical) {
        return BASE64URL.encodeToString(
                macs.get().doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** "k1:base64,k2:base64" → ordered map. */
    static Map<String, SecretKeySpec> parseKeys(String configured) {
        Map<String, SecretKeySpec> parsed = new LinkedHashMap<>();
        for (String entry : configured.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException(
                        "livelink.signing.keys entries are kid:base64secret");
            }
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalStateException(
                        "livelink.signing.keys: the secret of "
                                + trimmed.substring(0, colon)
                                + " is not base64");
            }
            if (secret.length < 32) {
                throw new IllegalStateException(
                        "signing key " + trimmed.substring(0, colon) + " is shorter than 32 bytes");
            }
            parsed.put(trimmed.substring(0, colon), new SecretKeySpec(secret, "HmacSHA256"));
        }
        return parsed;
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
