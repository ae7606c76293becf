package io.livelink.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/** Bearer tokens for tests, signed by a key pair made for this test JVM. */
public final class TestTokens {

    private static LocalJwtIssuer issuer;

    private TestTokens() {}

    public static synchronized LocalJwtIssuer issuer() {
        if (issuer == null) {
            try {
                issuer =
                        LocalJwtIssuer.inDirectory(Files.createTempDirectory("livelink-test-keys"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return issuer;
    }

    public static String platformAdmin() {
        return issuer().mint("platform-admin", null, null, Duration.ofHours(1));
    }

    public static String tenantAdmin(String tenant) {
        return issuer().mint("tenant-admin", tenant, "admin-of-" + tenant, Duration.ofHours(1));
    }

    public static String member(String tenant, String member) {
        return issuer().mint("member", tenant, member, Duration.ofHours(1));
    }

    public static String service() {
        return issuer().mint("service", null, null, Duration.ofHours(1));
    }
}
