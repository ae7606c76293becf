package io.livelink.link.signing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Link signing and member-id encryption keys. Secrets come from the environment (the local launcher
 * and the test resource generate them); nothing in the code or the defaults is a key.
 */
@ConfigMapping(prefix = "livelink.signing")
public interface SigningSettings {

    /**
     * Every key that verifies, as {@code kid:base64secret} separated by commas. Rotation: add the
     * new key, make it primary, and remove the old one once its links have expired.
     */
    String keys();

    /** The key id that signs new links. */
    String primary();

    /** AES-256 key (base64, 32 bytes) that encrypts member ids in ENTERPRISE links. */
    String memberKey();

    /** How far a link's timestamp may lie in the future, for clocks that disagree. */
    @WithDefault("PT60S")
    Duration clockSkew();
}
