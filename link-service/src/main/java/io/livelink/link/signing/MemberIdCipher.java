package io.livelink.link.signing;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts member ids for ENTERPRISE links with AES-256-GCM, bound to the stream (associated data),
 * so the id is never visible in a URL and cannot be moved to another stream's link.
 */
@ApplicationScoped
public class MemberIdCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** One cipher per thread: looking one up per call was a measurable part of a resolve. */
    private static final ThreadLocal<Cipher> CIPHERS =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return Cipher.getInstance("AES/GCM/NoPadding");
                        } catch (GeneralSecurityException e) {
                            throw new IllegalStateException("AES-GCM unavailable", e);
                        }
                    });

    public MemberIdCipher(SigningSettings settings) {
        byte[] secret = Base64.getDecoder().decode(settings.memberKey());
        if (secret.length != 32) {
            throw new IllegalStateException(
                    "livelink.signing.member-key must be 32 bytes (base64)");
        }
        this.key = new SecretKeySpec(secret, "AES");
    }

    public String encrypt(String memberId, String streamId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(streamId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(memberId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            ByteBuffer.allocate(IV_BYTES + sealed.length)
                                    .put(iv)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Seals bytes with a nonce the caller guarantees unique for this key (a random session id),
     * bound to {@code associated}; the result is the ciphertext and its 16-byte tag.
     */
    public byte[] seal(byte[] plain, byte[] nonce, byte[] associated) {
        GCMParameterSpec spec = new GCMParameterSpec(TAG_BITS, nonce, 0, IV_BYTES);
        try {
            Cipher cipher = CIPHERS.get();
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, spec);
            } catch (InvalidAlgorithmParameterException sameNonceAsLastTime) {
                // The same session sealed again (same nonce, same plaintext, same result): the
                // JDK refuses to re-initialise a GCM cipher with the nonce it just used.
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, spec);
            }
            cipher.updateAAD(associated);
            return cipher.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Empty when the bytes were not sealed by this key with this nonce and associated data. */
    public Optional<byte[]> open(
            byte[] sealed, int offset, int length, byte[] nonce, byte[] associated) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(
                    Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce, 0, IV_BYTES));
            cipher.updateAAD(associated);
            return Optional.of(cipher.doFinal(sealed, offset, length));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Empty when the value was not sealed by this key for this stream. */
    public Optional<String> decrypt(String sealed, String streamId) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed);
            if (bytes.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = CIPHERS.get();
            cipher.init(
                    Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(streamId.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
