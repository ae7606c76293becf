package io.livelink.testsupport;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * The JWT issuer of the local run and the tests: an RSA key pair generated on first use into a
 * directory (never committed), tokens signed with its private key, services verifying with the
 * public key PEM.
 */
public final class LocalJwtIssuer {

    public static final String ISSUER = "https://livelink.local/issuer";
    private static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    private static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private final Path publicKeyPem;
    private final PrivateKey privateKey;

    private LocalJwtIssuer(Path publicKeyPem, PrivateKey privateKey) {
        this.publicKeyPem = publicKeyPem;
        this.privateKey = privateKey;
    }

    /** Loads the key pair kept in {@code directory}, generating it the first time. */
    public static LocalJwtIssuer inDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            Path privatePem = directory.resolve(PRIVATE_KEY_FILE);
            Path publicPem = directory.resolve(PUBLIC_KEY_FILE);
            if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.setPosixFilePermissions(
                        privatePem, PosixFilePermissions.fromString("rw-------"));
                Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            return new LocalJwtIssuer(publicPem.toAbsolutePath(), readPrivateKey(privatePem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the local JWT key pair", e);
        }
    }

    /**
     * The private key kept beside {@code publicKeyPem} in an issuer's directory: the console's
     * development sign-in mints tokens with it.
     */
    public static Path privateKeyBeside(Path publicKeyPem) {
        return publicKeyPem.resolveSibling(PRIVATE_KEY_FILE);
    }

    /** Where the services read the public key from ({@code mp.jwt.verify.publickey.location}). */
    public Path publicKeyPem() {
        return publicKeyPem;
    }

    /**
     * A signed token for {@code role} in {@code tenant} (null for a platform admin); {@code member}
     * is the member id, when the caller is one.
     */
    public String mint(String role, String tenant, String member, Duration lifetime) {
        var claims =
                Jwt.issuer(ISSUER)
                        .subject(
                                member != null
                                        ? member
                                        : role + "@" + (tenant != null ? tenant : "platform"))
                        .upn(member != null ? member : role)
                        .groups(Set.of(role))
                        .expiresIn(lifetime);
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        if (member != null) {
            claims.claim("member", member);
        }
        return claims.jws().keyId("local").sign(privateKey);
    }

    private static PrivateKey readPrivateKey(Path pem)
            throws IOException, GeneralSecurityException {
        String base64 =
                Files.readString(pem)
                        .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                        .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
