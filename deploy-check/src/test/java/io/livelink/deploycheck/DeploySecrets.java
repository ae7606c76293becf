package io.livelink.deploycheck;

import java.util.List;
import java.util.Map;

/** The Secrets the manifests refer to by name; deploy/README.md tells operators to create them. */
final class DeploySecrets {

    /** kubernetes.io/basic-auth (username, password): the database owner, for CNPG and services. */
    static final String DB_CREDENTIALS = "livelink-db-credentials";

    /** jwt-public.pem: the token issuer's public key. */
    static final String JWT_PUBLIC_KEY = "livelink-jwt-public-key";

    /** link-service's link signing keys and member-id key. */
    static final String LINK_SIGNING_KEYS = "livelink-link-signing-keys";

    /** analytics-service's key for training classes' personal data. */
    static final String TRAINING_KEYS = "livelink-training-keys";

    static final List<String> ALL =
            List.of(DB_CREDENTIALS, JWT_PUBLIC_KEY, LINK_SIGNING_KEYS, TRAINING_KEYS);

    /**
     * A setting that is a secret: the Secret and key Kubernetes reads it from; {@code aes256Key}
     * when the service refuses to start unless it is base64 of exactly 32 bytes.
     */
    record SecretSetting(String secret, String key, boolean aes256Key) {}

    /**
     * The secret settings of each service beyond the database credentials, by variable name (the
     * README's Configuration table). Kubernetes takes them from Secrets; Docker Compose requires
     * them in .env, without a default.
     */
    static final Map<String, Map<String, SecretSetting>> SETTINGS =
            Map.of(
                    "link-service",
                    Map.of(
                            "LIVELINK_SIGNING_KEYS",
                            new SecretSetting(LINK_SIGNING_KEYS, "keys", false),
                            "LIVELINK_SIGNING_PRIMARY",
                            new SecretSetting(LINK_SIGNING_KEYS, "primary", false),
                            "LIVELINK_SIGNING_MEMBER_KEY",
                            new SecretSetting(LINK_SIGNING_KEYS, "member-key", true)),
                    "permission-service",
                    Map.of(),
                    "analytics-service",
                    Map.of(
                            "LIVELINK_TRAINING_PERSONAL_DATA_KEY",
                            new SecretSetting(TRAINING_KEYS, "personal-data-key", true)));

    static Map<String, SecretSetting> settingsOf(String service) {
        Map<String, SecretSetting> settings = SETTINGS.get(service);
        if (settings == null) {
            throw new AssertionError(
                    service + " is missing from DeploySecrets.SETTINGS: list its secret settings");
        }
        return settings;
    }

    private DeploySecrets() {}
}
