package io.livelink.permission.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.livelink.permission.Fixtures;
import io.livelink.permission.TestClock;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class AuditTrailTest {

    private final String tenant = Fixtures.newTenantId();

    @Inject EntityManager entityManager;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void aTrailHoldingEntriesWithoutDetailsCanBeReadUnfiltered() {
        Fixtures.tenant(tenant);
        Fixtures.member(tenant, "bob");
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .delete("/tenants/" + tenant + "/members/bob")
                .then()
                .statusCode(204);

        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/audit")
                .then()
                .statusCode(200)
                .body("action", hasItem("member.left"))
                .body("find { it.action == 'member.left' }.subjectId", is("bob"))
                .body("find { it.action == 'member.left' }.details", is(nullValue()))
                .body("find { it.action == 'member.joined' }.details", is(notNullValue()));
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .get("/audit")
                .then()
                .statusCode(200)
                .body("action", hasItem("member.left"));
    }

    @Test
    void everyDecisionIsRecordedWithWhoWhatAndWhyAndOutlivesTheGrant() {
        Fixtures.tenant(tenant);
        Fixtures.member(tenant, "alice");
        String requestId =
                given().auth()
                        .oauth2(TestTokens.member(tenant, "alice"))
                        .contentType(ContentType.JSON)
                        .body(Map.of("purpose", "BROADCAST", "reason", "quarterly all-hands"))
                        .post("/permission-requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        String grantId =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .contentType(ContentType.JSON)
                        .body(Map.of("comment", "approved for the all-hands", "validFor", "PT1H"))
                        .post("/permission-requests/" + requestId + "/approve")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("grant.id");
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "event moved"))
                .post("/grants/" + grantId + "/revoke")
                .then()
                .statusCode(200);

        TestClock.CLOCK.advance(Duration.ofDays(30));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .queryParam("subjectId", requestId)
                .get("/audit")
                .then()
                .statusCode(200)
                .body(
                        "action",
                        hasItems("permission-request.requested", "permission-request.approved"))
                .body("find { it.action == 'permission-request.requested' }.actor", is("alice"))
                .body(
                        "find { it.action == 'permission-request.requested' }.reason",
                        is("quarterly all-hands"))
                .body(
                        "find { it.action == 'permission-request.approved' }.actor",
                        is("admin-of-" + tenant))
                .body(
                        "find { it.action == 'permission-request.approved' }.reason",
                        is("approved for the all-hands"));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .queryParam("subjectId", grantId)
                .get("/audit")
                .then()
                .body("action", hasItems("grant.created", "grant.revoked"))
                .body("find { it.action == 'grant.revoked' }.reason", is("event moved"));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/audit")
                .then()
                .body("action", hasItems("tenant.created", "member.joined"));
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .queryParam("tenantId", tenant)
                .get("/audit")
                .then()
                .body("tenantId", hasItem(tenant));
        given().auth()
                .oauth2(TestTokens.tenantAdmin("other-" + tenant))
                .queryParam("subjectId", requestId)
                .get("/audit")
                .then()
                .statusCode(200)
                .body("size()", is(0));
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveEntries() {
        Fixtures.tenant(tenant);
        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () ->
                                                        entityManager
                                                                .createNativeQuery(
                                                                        "update audit_entry set actor = 'mallory' where tenant_id = :t")
                                                                .setParameter("t", tenant)
                                                                .executeUpdate()))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () ->
                                                        entityManager
                                                                .createNativeQuery(
                                                                        "delete from audit_entry where tenant_id = :t")
                                                                .setParameter("t", tenant)
                                                                .executeUpdate()))
                .hasStackTraceContaining("append-only");
    }
}
