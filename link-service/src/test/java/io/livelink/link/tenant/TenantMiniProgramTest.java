package io.livelink.link.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.link.LinkFixtures;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant's own WeChat mini-program, else the configured default (wx0000000000000000). */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class TenantMiniProgramTest {

    private static final String OWN_APPID = "wx1234567890abcdef";

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String admin = TestTokens.tenantAdmin(tenant);

    @BeforeEach
    void aQualifiedTenant() {
        TenantFixtures.qualifiedTenant(
                kafka, tenant, BroadcastPolicy.SELECTED_MEMBERS, StreamType.MINI_PROGRAM);
    }

    @Test
    void linksOpenTheTenantsOwnMiniProgramOnceSetAndTheDefaultOtherwise() {
        String streamId = LinkFixtures.stream(tenant, "MINI_PROGRAM");
        given().auth()
                .oauth2(admin)
                .get("/tenants/" + tenant + "/mini-program")
                .then()
                .statusCode(200)
                .body("appId", is("wx0000000000000000"))
                .body("page", is("pages/live/index"))
                .body("own", is(false));
        assertThat(schemeOf(streamId))
                .startsWith(
                        "weixin://dl/business/?appid=wx0000000000000000&path=pages/live/index&query=");

        put(admin, tenant, Map.of("appId", OWN_APPID, "page", "pages/watch/main"))
                .statusCode(200)
                .body("appId", is(OWN_APPID))
                .body("own", is(true));
        assertThat(schemeOf(streamId))
                .startsWith(
                        "weixin://dl/business/?appid="
                                + OWN_APPID
                                + "&path=pages/watch/main&query=");
        assertThat(
                        LinkFixtures.issue(tenant, streamId, "menu")
                                .statusCode(201)
                                .extract()
                                .<String>path("pagePath"))
                .startsWith("pages/watch/main?code=");

        // Without a page of its own the configured page is used.
        put(admin, tenant, Map.of("appId", OWN_APPID))
                .statusCode(200)
                .body("page", is("pages/live/index"));
        assertThat(schemeOf(streamId))
                .startsWith(
                        "weixin://dl/business/?appid="
                                + OWN_APPID
                                + "&path=pages/live/index&query=");

        // Another tenant's links keep the default.
        String other = "tenant-" + UUID.randomUUID();
        TenantFixtures.qualifiedTenant(
                kafka, other, BroadcastPolicy.SELECTED_MEMBERS, StreamType.MINI_PROGRAM);
        String othersStream = LinkFixtures.stream(other, "MINI_PROGRAM");
        assertThat(
                        LinkFixtures.issue(other, othersStream, "moments")
                                .statusCode(201)
                                .extract()
                                .<String>path("url"))
                .startsWith("weixin://dl/business/?appid=wx0000000000000000&");

        given().auth()
                .oauth2(admin)
                .delete("/tenants/" + tenant + "/mini-program")
                .then()
                .statusCode(204);
        assertThat(schemeOf(streamId))
                .startsWith("weixin://dl/business/?appid=wx0000000000000000&");
    }

    @Test
    void onlyTheTenantsAdminsOrAPlatformAdminSetIt() {
        String intruder = TestTokens.tenantAdmin("other-" + tenant);
        put(intruder, tenant, Map.of("appId", OWN_APPID)).statusCode(404);
        given().auth()
                .oauth2(intruder)
                .get("/tenants/" + tenant + "/mini-program")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(intruder)
                .delete("/tenants/" + tenant + "/mini-program")
                .then()
                .statusCode(404);
        put(TestTokens.member(tenant, "m-1"), tenant, Map.of("appId", OWN_APPID)).statusCode(403);
        given().auth()
                .oauth2(admin)
                .get("/tenants/" + tenant + "/mini-program")
                .then()
                .body("own", is(false))
                .body("updatedAt", nullValue());

        put(TestTokens.platformAdmin(), tenant, Map.of("appId", OWN_APPID))
                .statusCode(200)
                .body("own", is(true));
    }

    @Test
    void anAppidThatIsNotWeChatsIsRefusedNamingTheField() {
        put(admin, tenant, Map.of("appId", "not-an-appid"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("appId"));
        put(admin, tenant, Map.of("appId", OWN_APPID, "page", "/pages/../x"))
                .statusCode(400)
                .body("errors[0].field", is("page"));
        put(admin, tenant, Map.of("page", "pages/live/index"))
                .statusCode(400)
                .body("errors[0].field", is("appId"));
    }

    private String schemeOf(String streamId) {
        return LinkFixtures.issue(tenant, streamId, "moments")
                .statusCode(201)
                .extract()
                .path("url");
    }

    private static ValidatableResponse put(
            String token, String tenantId, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/tenants/" + tenantId + "/mini-program")
                .then();
    }
}
