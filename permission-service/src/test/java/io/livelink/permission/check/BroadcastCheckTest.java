package io.livelink.permission.check;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.livelink.permission.Fixtures;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class BroadcastCheckTest {

    private final String tenant = Fixtures.newTenantId();

    @BeforeEach
    void tenantWithMembers() {
        Fixtures.tenant(tenant);
        Fixtures.member(tenant, "alice");
        Fixtures.member(tenant, "bob");
    }

    @Test
    void answersWhetherAndWhyAMemberMayBroadcastNow() {
        check("alice", TestTokens.service())
                .body("mayBroadcast", is(false))
                .body("reason", is("no-grant"));
        String grantId =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .contentType(ContentType.JSON)
                        .body(Map.of("memberId", "alice", "validFor", "P1D"))
                        .post("/grants")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        check("alice", TestTokens.tenantAdmin(tenant))
                .body("mayBroadcast", is(true))
                .body("reason", is("granted"))
                .body("grantId", is(grantId));
        check("stranger", TestTokens.tenantAdmin(tenant))
                .body("mayBroadcast", is(false))
                .body("reason", is("not-a-member"));

        settings(Map.of("broadcastPolicy", "ALL_MEMBERS"));
        check("bob", TestTokens.member(tenant, "bob"))
                .body("mayBroadcast", is(true))
                .body("reason", is("policy-all-members"));
        settings(Map.of("liveServiceEnabled", false));
        check("alice", TestTokens.platformAdmin())
                .body("mayBroadcast", is(false))
                .body("reason", is("live-service-disabled"));
    }

    @Test
    void membersMayAskOnlyAboutThemselvesAndTenantsAreIsolated() {
        given().auth()
                .oauth2(TestTokens.member(tenant, "bob"))
                .get("/tenants/" + tenant + "/members/alice/broadcast-permission")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.tenantAdmin("other-" + tenant))
                .get("/tenants/" + tenant + "/members/alice/broadcast-permission")
                .then()
                .statusCode(404);
    }

    private void settings(Map<String, Object> body) {
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/tenants/" + tenant + "/settings")
                .then()
                .statusCode(200);
    }

    private ValidatableResponse check(String member, String token) {
        return given().auth()
                .oauth2(token)
                .get("/tenants/" + tenant + "/members/" + member + "/broadcast-permission")
                .then()
                .statusCode(200);
    }
}
