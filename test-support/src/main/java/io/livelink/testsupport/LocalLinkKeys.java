package io.livelink.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * link-service's signing and member-id keys for the local run and tests: random, generated on first
 * use, never committed. The local run keeps them under .livelink/keys so links survive a restart.
 *
 * @param keys {@code kid:base64secret}, as {@code livelink.signing.keys} takes them
 */
public record LocalLinkKeys(String keys, String primary, String memberKey) {

    private static final String FILE = "link-signing.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static LocalLinkKeys random() {
        return new LocalLinkKeys("local-1:" + randomBase64(32), "local-1", randomBase64(32));
    }

    public static LocalLinkKeys inDirectory(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            Files.createDirectories(directory);
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    stored.load(in);
                }
                return new LocalLinkKeys(
                        stored.getProperty("keys"),
                        stored.getProperty("primary"),
                        stored.getProperty("member-key"));
            }
            LocalLinkKeys generated = random();
            stored.setProperty("keys", generated.keys());
            stored.setProperty("primary", generated.primary());
            stored.setProperty("member-key", generated.memberKey());
            try (Writer out = Files.newBufferedWriter(file)) {
                stored.store(
                        out,
                        "link-service signing keys of the local run; never use them elsewhere");
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As environment variables of a service process. */
    public Map<String, String> environment() {
        return Map.of(
                "LIVELINK_SIGNING_KEYS", keys,
                "LIVELINK_SIGNING_PRIMARY", primary,
                "LIVELINK_SIGNING_MEMBER_KEY", memberKey);
    }

    /** As configuration properties of a service under test. */
    public Map<String, String> configuration() {
        return Map.of(
                "livelink.signing.keys", keys,
                "livelink.signing.primary", primary,
                "livelink.signing.member-key", memberKey);
    }

    private static String randomBase64(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
