package io.livelink.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * analytics-service's personal-data key (training rosters) for the local run and tests, never
 * committed: random in tests; in the local run derived from its stored link keys, so the one file
 * under .livelink/keys keeps stored ID numbers readable across restarts.
 */
public record LocalTrainingKey(String personalDataKey) {

    public static LocalTrainingKey random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new LocalTrainingKey(Base64.getEncoder().encodeToString(key));
    }

    /** A key of its own (HMAC-SHA256 under a label) derived from the local link keys. */
    public static LocalTrainingKey derivedFrom(LocalLinkKeys linkKeys) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(
                    new SecretKeySpec(
                            Base64.getDecoder().decode(linkKeys.memberKey()), "HmacSHA256"));
            return new LocalTrainingKey(
                    Base64.getEncoder()
                            .encodeToString(
                                    mac.doFinal(
                                            "livelink-local-training-key"
                                                    .getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> environment() {
        return Map.of("LIVELINK_TRAINING_PERSONAL_DATA_KEY", personalDataKey);
    }

    public Map<String, String> configuration() {
        return Map.of("livelink.training.personal-data-key", personalDataKey);
    }
}
