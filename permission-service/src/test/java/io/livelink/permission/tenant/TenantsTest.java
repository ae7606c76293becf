package io.livelink.permission.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.QualificationStatus;
import io.livelink.events.StreamType;
import io.livelink.events.TenantQualificationChanged;
import io.livelink.events.TenantSettingsChanged;
import io.livelink.permission.Fixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class TenantsTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = Fixtures.newTenantId();

    @Test
    void onboardedTenantMayRunEnterpriseStreamsAtOnceAndIsAnnounced() {
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("id", tenant, "name", "Acme", "timeZone", "Europe/Berlin"))
                .post("/tenants")
                .then()
                .statusCode(201)
                .body("liveServiceEnabled", is(true))
                .body("broadcastPolicy", is("SELECTED_MEMBERS"))
                .body(
                        "qualifications.find { it.streamType == 'ENTERPRISE' }.status",
                        is("VERIFIED"));

        TenantSettingsChanged settings =
                kafka.awaitEvent(
                        TenantSettingsChanged.class,
                        e -> e.tenantId().equals(tenant),
                        Duration.ofSeconds(20));
        assertThat(settings.timeZone()).isEqualTo("Europe/Berlin");
        TenantQualificationChanged enterprise =
                kafka.awaitEvent(
                        TenantQualificationChanged.class,
                        e -> e.tenantId().equals(tenant),
                        Duration.ofSeconds(20));
        assertThat(enterprise.streamType()).isEqualTo(StreamType.ENTERPRISE);
        assertThat(enterprise.status()).isEqualTo(QualificationStatus.VERIFIED);
    }

    @Test
    void qualificationIsReviewedByAPlatformAdmin() {
        Fixtures.tenant(tenant);
        submit(StreamType.H5).statusCode(200).body("status", is("PENDING"));
        platform("/qualifications/H5/verify", Map.of())
                .statusCode(200)
                .body("status", is("VERIFIED"));
        platform("/qualifications/H5/verify", Map.of())
                .statusCode(200)
                .body("status", is("VERIFIED"));
        platform("/qualifications/H5/reject", Map.of("reason", "late"))
                .statusCode(409)
                .body("reason", is("qualification-decided"));
        kafka.awaitEvent(
                TenantQualificationChanged.class,
                e ->
                        e.tenantId().equals(tenant)
                                && e.streamType() == StreamType.H5
                                && e.status() == QualificationStatus.VERIFIED,
                Duration.ofSeconds(20));

        submit(StreamType.MINI_PROGRAM).statusCode(200);
        platform(
                        "/qualifications/MINI_PROGRAM/reject",
                        Map.of("reason", "mini-program not verified by WeChat"))
                .statusCode(200)
                .body("status", is("REJECTED"))
                .body("reason", is("mini-program not verified by WeChat"));
        TenantQualificationChanged rejected =
                kafka.awaitEvent(
                        TenantQualificationChanged.class,
                        e ->
                                e.tenantId().equals(tenant)
                                        && e.status() == QualificationStatus.REJECTED,
                        Duration.ofSeconds(20));
        assertThat(rejected.reason()).isEqualTo("mini-program not verified by WeChat");
        submit(StreamType.MINI_PROGRAM).statusCode(200).body("status", is("PENDING"));

        submit(StreamType.H5).statusCode(409).body("reason", is("already-verified"));
    }

    @Test
    void onlyPlatformAdminsDecideAndRejectionsNeedAReason() {
        Fixtures.tenant(tenant);
        submit(StreamType.H5).statusCode(200);
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/tenants/" + tenant + "/qualifications/H5/verify")
                .then()
                .statusCode(403);
        platform("/qualifications/H5/reject", Map.of())
                .statusCode(400)
                .body("errors[0].field", is("reason"));
    }

    @Test
    void tenantAdminSwitchesTheLiveServiceAndPolicy() {
        Fixtures.tenant(tenant);
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("liveServiceEnabled", false, "broadcastPolicy", "ALL_MEMBERS"))
                .put("/tenants/" + tenant + "/settings")
                .then()
                .statusCode(200)
                .body("liveServiceEnabled", is(false))
                .body("broadcastPolicy", is("ALL_MEMBERS"));
        kafka.awaitEvent(
                TenantSettingsChanged.class,
                e ->
                        e.tenantId().equals(tenant)
                                && !e.liveServiceEnabled()
                                && e.broadcastPolicy() == BroadcastPolicy.ALL_MEMBERS,
                Duration.ofSeconds(20));
    }

    @Test
    void tenantsAreIsolatedAndInputIsChecked() {
        Fixtures.tenant(tenant);
        given().auth()
                .oauth2(TestTokens.tenantAdmin("other-" + tenant))
                .get("/tenants/" + tenant)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("id", "mine", "name", "x"))
                .post("/tenants")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("id", tenant, "name", "again"))
                .post("/tenants")
                .then()
                .statusCode(409)
                .body("reason", is("tenant-exists"));
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("id", "Bad Id!", "name", "x", "timeZone", "Mars/Olympus"))
                .post("/tenants")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("id"));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("timeZone", "Mars/Olympus"))
                .put("/tenants/" + tenant + "/settings")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("timeZone"));
        // The whole suite's tenants share the database: ask for a page that holds them all
        // (the fuzz tests alone add dozens), not the default 50.
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .queryParam("size", 500)
                .get("/tenants")
                .then()
                .statusCode(200)
                .body("id", hasItem(tenant));
    }

    @Test
    void theReviewQueueListsTenantsWithAQualificationPending() {
        Fixtures.tenant(tenant);
        String decided = Fixtures.newTenantId();
        Fixtures.tenant(decided);
        submit(StreamType.MINI_PROGRAM).statusCode(200);
        given().auth()
                .oauth2(TestTokens.tenantAdmin(decided))
                .contentType(ContentType.JSON)
                .body(Map.of("evidence", "licence"))
                .post("/tenants/" + decided + "/qualifications/H5")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "the licence has expired"))
                .post("/tenants/" + decided + "/qualifications/H5/reject")
                .then()
                .statusCode(200);

        List<String> pending = tenantIds(TestTokens.platformAdmin(), "PENDING");
        assertThat(pending).contains(tenant).doesNotContain(decided);
        assertThat(tenantIds(TestTokens.platformAdmin(), "REJECTED"))
                .contains(decided)
                .doesNotContain(tenant);
        // Every tenant's ENTERPRISE is verified at creation: both are in the VERIFIED list.
        assertThat(tenantIds(TestTokens.platformAdmin(), "VERIFIED")).contains(tenant, decided);

        // A tenant admin's list is their own tenant, filtered alike.
        assertThat(tenantIds(TestTokens.tenantAdmin(tenant), "PENDING")).containsExactly(tenant);
        assertThat(tenantIds(TestTokens.tenantAdmin(decided), "PENDING")).isEmpty();

        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .queryParam("qualification", "WAITING")
                .get("/tenants")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("reason", is("invalid-request"))
                .body("errors[0].field", is("qualification"))
                .body("errors[0].message", is("must be one of PENDING, VERIFIED, REJECTED"));
    }

    private static List<String> tenantIds(String token, String qualification) {
        return given().auth()
                .oauth2(token)
                .queryParam("qualification", qualification)
                .queryParam("size", 500)
                .get("/tenants")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id", String.class);
    }

    private ValidatableResponse submit(StreamType type) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("evidence", "licence 91310000MA1FL0000X"))
                .post("/tenants/" + tenant + "/qualifications/" + type)
                .then();
    }

    private ValidatableResponse platform(String path, Map<String, Object> body) {
        return given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/tenants/" + tenant + path)
                .then();
    }
}
