package io.livelink.console.signin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The development sign-in: offered only when the local issuer's private key is configured, which
 * {@code ./livelink up} does and a production deployment never does.
 */
@ConfigMapping(prefix = "livelink.console.dev-sign-in")
public interface DevSignInSettings {

    /** The local issuer's private key (PKCS#8 PEM, {@code .livelink/keys/jwt-private.pem}). */
    Optional<Path> privateKey();

    /** The {@code iss} the services expect ({@code MP_JWT_VERIFY_ISSUER}). */
    @WithDefault("https://livelink.local/issuer")
    String issuer();

    /** How long a development sign-in lasts. */
    @WithDefault("PT12H")
    Duration tokenLifetime();
}
