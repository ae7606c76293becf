package io.livelink.console.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livelink.testsupport.LocalJwtIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The development sign-in mints tokens the services accept, as the local issuer does. */
@QuarkusTest
@TestProfile(DevSignInTest.WithTheLocalIssuer.class)
class DevSignInTest {

    static final LocalJwtIssuer ISSUER = createIssuer();

    public static class WithTheLocalIssuer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "livelink.console.dev-sign-in.private-key",
                    ISSUER.publicKeyPem().resolveSibling("jwt-private.pem").toString(),
                    "livelink.console.oidc.issuer-url",
                    "https://login.example.com/realms/live/");
        }
    }

    @Test
    void theSignInPageIsToldTheDevelopmentSignInIsOffered() {
        given().get("/console/sign-in-options")
                .then()
                .statusCode(200)
                .body("devSignIn", equalTo(true))
                .body("roles", hasItems("tenant-admin", "member", "platform-admin"));
    }

    @Test
    void theSignInPageIsToldTheOidcIssuerWithTheDefaultClientAndScopes() {
        given().get("/console/sign-in-options")
                .then()
                .statusCode(200)
                .body("oidc.issuer", equalTo("https://login.example.com/realms/live"))
                .body("oidc.clientId", equalTo("livelink-console"))
                .body("oidc.scopes", equalTo("openid profile"));
    }

    @Test
    void aTenantAdminGetsATokenSignedByTheLocalIssuerWithTheClaimsServicesRead() throws Exception {
        String token =
                given().contentType("application/json")
                        .body(Map.of("role", "tenant-admin", "tenant", "demo"))
                        .post("/console/dev-sign-in")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("token");

        String[] parts = token.split("\\.");
        assertThat(verifiesWithTheLocalPublicKey(parts)).isTrue();
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("iss").asText()).isEqualTo(LocalJwtIssuer.ISSUER);
        assertThat(claims.get("groups").get(0).asText()).isEqualTo("tenant-admin");
        assertThat(claims.get("tenant").asText()).isEqualTo("demo");
        assertThat(claims.get("member").asText()).isEqualTo("admin-of-demo");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(12 * 3600);
    }

    @Test
    void aMemberMustBeNamedAndAnUnknownRoleIsRefusedFieldByField() {
        given().contentType("application/json")
                .body(Map.of("role", "member", "tenant", "demo"))
                .post("/console/dev-sign-in")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("reason", equalTo("invalid-request"))
                .body("errors[0].field", equalTo("member"));

        given().contentType("application/json")
                .body(Map.of("role", "service", "tenant", "demo"))
                .post("/console/dev-sign-in")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("role"));
    }

    private static boolean verifiesWithTheLocalPublicKey(String[] parts) throws Exception {
        String pem =
                Files.readString(ISSUER.publicKeyPem())
                        .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                        .replaceAll("\\s", "");
        PublicKey key =
                KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    /**
     * A fixed directory: Quarkus loads this class (and so runs this) both for the profile and for
     * the test, and both must see one key pair.
     */
    private static LocalJwtIssuer createIssuer() {
        return LocalJwtIssuer.inDirectory(java.nio.file.Path.of("target/dev-sign-in-keys"));
    }
}
