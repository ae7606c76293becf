package io.livelink.console.signin;

import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Mints tokens as the local issuer does ({@code ./livelink token}, test-support's LocalJwtIssuer):
 * RS256 with its private key, {@code groups} holding the role, and the {@code tenant} and {@code
 * member} claims the services read.
 */
@Singleton
public class DevTokens {

    private final DevSignInSettings settings;
    private final Clock clock;
    private volatile PrivateKey key;

    public DevTokens(DevSignInSettings settings) {
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    public boolean offered() {
        return settings.privateKey().isPresent();
    }

    /** A token and its expiry; empty when the development sign-in is not offered. */
    public Optional<SignedIn> mint(DevIdentity identity) {
        if (!offered()) {
            return Optional.empty();
        }
        Instant expiresAt = clock.instant().plus(settings.tokenLifetime());
        String subject =
                identity.member() != null
                        ? identity.member()
                        : identity.role()
                                + "@"
                                + (identity.tenant() != null ? identity.tenant() : "platform");
        var claims =
                Jwt.issuer(settings.issuer())
                        .subject(subject)
                        .upn(identity.member() != null ? identity.member() : identity.role())
                        .groups(Set.of(identity.role()))
                        .expiresAt(expiresAt);
        if (identity.tenant() != null) {
            claims.claim("tenant", identity.tenant());
        }
        if (identity.member() != null) {
            claims.claim("member", identity.member());
        }
        String token = claims.jws().keyId("local").sign(privateKey());
        return Optional.of(new SignedIn(token, expiresAt, identity));
    }

    public record SignedIn(String token, Instant expiresAt, DevIdentity identity) {}

    private PrivateKey privateKey() {
        if (key == null) {
            key = readPrivateKey();
        }
        return key;
    }

    private PrivateKey readPrivateKey() {
        var location = settings.privateKey().orElseThrow();
        try {
            String base64 =
                    Files.readString(location)
                            .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                            .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local issuer's key " + location, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    location + " is not a PKCS#8 RSA private key in PEM", e);
        }
    }
}
