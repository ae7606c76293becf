package io.livelink.console.signin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Signing in with an OIDC issuer in production: the browser runs the authorization code flow with
 * PKCE against it as a public client (no secret: the page cannot keep one), and the access token it
 * gets is the bearer token the services check.
 */
@ConfigMapping(prefix = "livelink.console.oidc")
public interface OidcSignInSettings {

    /**
     * The issuer's URL; its {@code /.well-known/openid-configuration} names the endpoints. Unset:
     * the sign-in page offers no OIDC sign-in.
     */
    Optional<String> issuerUrl();

    /** The public client registered at the issuer for the console. */
    @WithDefault("livelink-console")
    String clientId();

    /** The scopes asked for, space-separated. */
    @WithDefault("openid profile")
    String scopes();
}
