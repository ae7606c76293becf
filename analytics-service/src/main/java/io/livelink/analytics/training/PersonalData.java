package io.livelink.analytics.training;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps personal data unreadable at rest: AES-256-GCM with a random nonce, bound to the tenant (as
 * associated data) so a value copied into another tenant's row does not decrypt. Student member ids
 * are an HMAC of tenant and ID number: stable and unique per person without revealing the number.
 */
@ApplicationScoped
public class PersonalData {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey encryptionKey;
    private final SecretKey pseudonymKey;
    private final SecureRandom random = new SecureRandom();

    public PersonalData(TrainingSettings settings) {
        byte[] key = Base64.getDecoder().decode(settings.personalDataKey().strip());
        if (key.length != 32) {
            throw new IllegalArgumentException(
                    "livelink.training.personal-data-key must be base64 of 32 bytes, not "
                            + key.length);
        }
        this.encryptionKey = new SecretKeySpec(key, "AES");
        // A key of its own for pseudonyms, derived so one configured secret is enough.
        this.pseudonymKey =
                new SecretKeySpec(hmac(key, "livelink-student-pseudonym"), "HmacSHA256");
    }

    public String encrypt(String tenantId, String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(
                            ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String decrypt(String tenantId, String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    encryptionKey,
                    new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
            return new String(
                    cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored personal data does not decrypt", e);
        }
    }

    /** The directory member id of the person with this ID number in this tenant. */
    public String studentMemberId(String tenantId, String idNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            byte[] digest =
                    mac.doFinal((tenantId + "\n" + idNumber).getBytes(StandardCharsets.UTF_8));
            return "stu-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
