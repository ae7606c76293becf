package io.livelink.commons.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on what LiveLink POSTs to others (webhooks, training reports): {@code t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "t.body">}. The timestamp inside the signed text stops replays of
 * old deliveries; receivers check it is recent and compare the HMAC in constant time.
 */
public final class BodySignature {

    public static final String HEADER = "X-LiveLink-Signature";

    private BodySignature() {}

    public static String sign(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds + "." + body);
    }

    /** Whether {@code header} is a valid signature of {@code body} made with {@code secret}. */
    public static boolean verify(String secret, String header, String body) {
        if (header == null || !header.matches("t=\\d{1,12},v1=[0-9a-f]{64}")) {
            return false;
        }
        long unixSeconds = Long.parseLong(header.substring(2, header.indexOf(',')));
        byte[] expected = sign(secret, unixSeconds, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.US_ASCII));
    }

    static String hmacHex(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
