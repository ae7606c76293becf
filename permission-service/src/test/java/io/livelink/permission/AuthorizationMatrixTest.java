package io.livelink.permission;

import static io.restassured.RestAssured.given;

import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what: every role against every kind of endpoint, in its own tenant and another. 401
 * without a token, 403 for a role that may never do it, 404 for another tenant's objects.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    static final String TENANT = "matrix-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    static final String OTHER = "other-" + TENANT;

    private boolean seeded;

    /** Once, but per test: RestAssured knows the random port only once a test runs. */
    @BeforeEach
    void tenants() {
        if (seeded) {
            return;
        }
        seeded = true;
        Fixtures.tenant(TENANT);
        Fixtures.member(TENANT, "alice");
        Fixtures.tenant(OTHER);
    }

    static Stream<Arguments> matrix() {
        Supplier<String> none = () -> null;
        Supplier<String> platform = TestTokens::platformAdmin;
        Supplier<String> admin = () -> TestTokens.tenantAdmin(TENANT);
        Supplier<String> otherAdmin = () -> TestTokens.tenantAdmin(OTHER);
        Supplier<String> member = () -> TestTokens.member(TENANT, "alice");
        Supplier<String> service = TestTokens::service;
        String members = "/tenants/" + TENANT + "/members";
        String check = members + "/alice/broadcast-permission";
        String groups = "/tenants/" + TENANT + "/groups";
        return Stream.of(
                row("GET", "/tenants", none, 401),
                row("GET", "/tenants", member, 403),
                row("GET", "/tenants", admin, 200),
                row("GET", "/tenants", platform, 200),
                row("POST", "/tenants", admin, 403),
                row("GET", "/tenants/" + TENANT, otherAdmin, 404),
                row("GET", "/tenants/" + TENANT, admin, 200),
                row("PUT", "/tenants/" + TENANT + "/settings", member, 403),
                row("PUT", "/tenants/" + TENANT + "/settings", otherAdmin, 404),
                row("POST", "/tenants/" + TENANT + "/qualifications/H5/verify", admin, 403),
                row("GET", members, none, 401),
                row("GET", members, member, 403),
                row("GET", members, otherAdmin, 404),
                row("GET", members, admin, 200),
                row("GET", members, platform, 200),
                row("GET", groups, none, 401),
                row("GET", groups, member, 403),
                row("GET", groups, otherAdmin, 404),
                row("GET", groups, admin, 200),
                row("GET", groups, platform, 200),
                row("POST", groups, member, 403),
                row("POST", groups, otherAdmin, 404),
                row("POST", groups, admin, 201),
                row("DELETE", groups + "/x", admin, 404),
                row("GET", "/permission-requests", member, 200),
                row("GET", "/permission-requests", service, 403),
                row("POST", "/permission-requests/x/approve", member, 403),
                row("POST", "/grants", member, 403),
                row("GET", "/grants", member, 200),
                row("GET", "/audit", member, 403),
                row("GET", "/audit", admin, 200),
                row("GET", "/audit", platform, 200),
                row("GET", check, service, 200),
                row("GET", check, member, 200),
                row("GET", check, otherAdmin, 404),
                row("GET", check, none, 401),
                row("PUT", "/tenants/" + TENANT + "/webhook", member, 403),
                row("GET", "/tenants/" + TENANT + "/webhook", otherAdmin, 404));
    }

    private static Arguments row(String method, String path, Supplier<String> token, int status) {
        return Arguments.of(method, path, token, status);
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("matrix")
    void roleGetsTheExpectedAnswer(String method, String path, Supplier<String> token, int status) {
        var request = given().contentType(ContentType.JSON);
        String bearer = token.get();
        if (bearer != null) {
            request.auth().oauth2(bearer);
        }
        if (!method.equals("GET")) {
            request.body(
                    Map.of(
                            "liveServiceEnabled",
                            true,
                            "url",
                            "http://127.0.0.1:9/x",
                            "secret",
                            "0123456789abcdef",
                            "memberId",
                            "alice",
                            "id",
                            "x-" + System.nanoTime(),
                            "name",
                            "x"));
        }
        request.request(method, path)
                .then()
                .statusCode(status)
                .contentType(status >= 400 ? "application/problem+json" : "application/json");
    }
}
