package io.livelink.link.issue;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Random base62 short codes. Ten characters carry about 59.5 bits, so guessing a live code is
 * hopeless; uniqueness is still enforced by the database and collisions are retried.
 */
@ApplicationScoped
public class ShortCodes {

    static final int LENGTH = 10;
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private final RandomGenerator random;

    public ShortCodes() {
        this(new SecureRandom());
    }

    /** With a seeded generator the codes are known in advance, so a test can force a collision. */
    public ShortCodes(RandomGenerator random) {
        this.random = random;
    }

    public String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    public static boolean isWellFormed(String code) {
        if (code == null || code.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }
}
