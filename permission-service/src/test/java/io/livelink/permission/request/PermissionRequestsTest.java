package io.livelink.permission.request;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.livelink.events.BroadcastPermissionGranted;
import io.livelink.events.BroadcastPermissionRejected;
import io.livelink.events.BroadcastPermissionRequestCancelled;
import io.livelink.events.BroadcastPermissionRequestExpired;
import io.livelink.events.BroadcastPermissionRequested;
import io.livelink.permission.Fixtures;
import io.livelink.permission.TestClock;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class PermissionRequestsTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = Fixtures.newTenantId();
    private final String member = "alice";

    @Inject RequestExpiry expiry;

    @BeforeEach
    void tenantWithAMember() {
        Fixtures.tenant(tenant);
        Fixtures.member(tenant, member);
    }

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void approvedBroadcastRequestCreatesOneTimeLimitedGrantAndAnnouncesIt() {
        String requestId =
                request(member, "BROADCAST")
                        .statusCode(201)
                        .body("status", is("PENDING"))
                        .extract()
                        .path("id");
        kafka.awaitEvent(
                BroadcastPermissionRequested.class,
                e -> e.requestId().equals(requestId),
                Duration.ofSeconds(20));

        String grantId =
                decide(requestId, "approve", Map.of("comment", "ok", "validFor", "P30D"))
                        .statusCode(200)
                        .body("request.status", is("APPROVED"))
                        .body("grant.memberId", is(member))
                        .body("grant.subAccountLogin", notNullValue())
                        .extract()
                        .path("grant.id");

        BroadcastPermissionGranted granted =
                kafka.awaitEvent(
                        BroadcastPermissionGranted.class,
                        e -> e.grantId().equals(grantId),
                        Duration.ofSeconds(20));
        assertThat(granted.requestId()).isEqualTo(requestId);
        assertThat(granted.tenantId()).isEqualTo(tenant);
        assertThat(Duration.between(granted.grantedAt(), granted.expiresAt()))
                .isEqualTo(Duration.ofDays(30));

        // Approving again is a no-op that answers the same grant.
        decide(requestId, "approve", Map.of()).statusCode(200).body("grant.id", is(grantId));
        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .get("/grants")
                .then()
                .statusCode(200)
                .body("", hasSize(1));
    }

    @Test
    void twoAdminsApprovingAtOnceCreateOneGrant() throws Exception {
        String requestId = request(member, "BROADCAST").statusCode(201).extract().path("id");
        int admins = 4;
        CyclicBarrier together = new CyclicBarrier(admins);
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        try {
            List<Future<String>> grantIds = new ArrayList<>();
            for (int i = 0; i < admins; i++) {
                Callable<String> approve =
                        () -> {
                            together.await();
                            return decide(requestId, "approve", Map.of())
                                    .statusCode(200)
                                    .extract()
                                    .path("grant.id");
                        };
                grantIds.add(pool.submit(approve));
            }
            String first = grantIds.get(0).get();
            for (Future<String> grantId : grantIds) {
                assertThat(grantId.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/grants")
                .then()
                .body("", hasSize(1));
    }

    @Test
    void rejectedRequestCannotBeApprovedAndRejectionIsAnnounced() {
        String requestId = request(member, "BROADCAST").extract().path("id");
        decide(requestId, "reject", Map.of("comment", "not now"))
                .statusCode(200)
                .body("status", is("REJECTED"));
        kafka.awaitEvent(
                BroadcastPermissionRejected.class,
                e -> e.requestId().equals(requestId),
                Duration.ofSeconds(20));

        decide(requestId, "approve", Map.of())
                .statusCode(409)
                .contentType("application/problem+json")
                .body("reason", is("request-rejected"));
    }

    @Test
    void pendingRequestExpiresAfterItsTimeToTheSecondAndTheExpiryIsAnnounced() {
        TestClock.CLOCK.freeze();
        String requestId = request(member, "BROADCAST").extract().path("id");

        TestClock.CLOCK.advance(Duration.ofDays(7).minusSeconds(1));
        expiry.expireDue();
        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .get("/permission-requests/" + requestId)
                .then()
                .body("status", is("PENDING"));

        TestClock.CLOCK.advance(Duration.ofSeconds(1));
        decide(requestId, "approve", Map.of())
                .statusCode(409)
                .body("reason", is("request-expired"));
        assertThat(expiry.expireDue()).isPositive();

        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .get("/permission-requests/" + requestId)
                .then()
                .body("status", is("EXPIRED"));
        kafka.awaitEvent(
                BroadcastPermissionRequestExpired.class,
                e -> e.requestId().equals(requestId),
                Duration.ofSeconds(20));
        decide(requestId, "approve", Map.of())
                .statusCode(409)
                .body("reason", is("request-expired"));
    }

    @Test
    void requestJustBeforeExpiryCanStillBeApproved() {
        TestClock.CLOCK.freeze();
        String requestId = request(member, "BROADCAST").extract().path("id");

        TestClock.CLOCK.advance(Duration.ofDays(7).minusSeconds(1));
        decide(requestId, "approve", Map.of()).statusCode(200);
    }

    @Test
    void requesterCancelsAndTheCancelledRequestCannotBeApproved() {
        String requestId = request(member, "BROADCAST").extract().path("id");
        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .post("/permission-requests/" + requestId + "/cancel")
                .then()
                .statusCode(200)
                .body("status", is("CANCELLED"));
        kafka.awaitEvent(
                BroadcastPermissionRequestCancelled.class,
                e -> e.requestId().equals(requestId),
                Duration.ofSeconds(20));

        decide(requestId, "approve", Map.of())
                .statusCode(409)
                .body("reason", is("request-cancelled"));
    }

    @Test
    void bulkApprovalDecidesEachRequestOnItsOwn() {
        Fixtures.member(tenant, "bob");
        String first = request(member, "BROADCAST").extract().path("id");
        String second = request("bob", "USE_APP").extract().path("id");
        String rejected = request("bob", "BROADCAST").extract().path("id");
        decide(rejected, "reject", Map.of()).statusCode(200);

        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "ids",
                                List.of(first, second, rejected, "no-such-request"),
                                "comment",
                                "batch"))
                .post("/permission-requests/approve")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + first + "' }.status", is("APPROVED"))
                .body("find { it.id == '" + first + "' }.grantId", notNullValue())
                .body("find { it.id == '" + second + "' }.status", is("APPROVED"))
                .body("find { it.id == '" + second + "' }.grantId", nullValue())
                .body("find { it.id == '" + rejected + "' }.reason", is("request-rejected"))
                .body("find { it.id == 'no-such-request' }.reason", is("not-found"));
    }

    @Test
    void bulkRejectionReportsWhatItCouldNotReject() {
        String pending = request(member, "BROADCAST").extract().path("id");
        String approved = request(member, "USE_APP").extract().path("id");
        decide(approved, "approve", Map.of()).statusCode(200);

        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("ids", List.of(pending, approved), "comment", "not this quarter"))
                .post("/permission-requests/reject")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + pending + "' }.status", is("REJECTED"))
                .body("find { it.id == '" + approved + "' }.reason", is("request-approved"));
    }

    @Test
    void bulkApprovalGivesEveryGrantTheValidityAsked() {
        Fixtures.member(tenant, "bob");
        String first = request(member, "BROADCAST").extract().path("id");
        String second = request("bob", "BROADCAST").extract().path("id");

        List<String> grantIds =
                bulk("approve", Map.of("ids", List.of(first, second), "validFor", "P7D"))
                        .statusCode(200)
                        .body("status", everyItem(is("APPROVED")))
                        .extract()
                        .path("grantId");

        for (String grantId : grantIds) {
            BroadcastPermissionGranted granted =
                    kafka.awaitEvent(
                            BroadcastPermissionGranted.class,
                            e -> e.grantId().equals(grantId),
                            Duration.ofSeconds(20));
            assertThat(granted.expiresAt()).isNotNull();
            assertThat(Duration.between(granted.grantedAt(), granted.expiresAt()))
                    .isEqualTo(Duration.ofDays(7));
        }
    }

    @Test
    void bulkApprovalWithANonPositiveValidityDecidesNothing() {
        String pending = request(member, "BROADCAST").extract().path("id");
        bulk("approve", Map.of("ids", List.of(pending), "validFor", "-P1D"))
                .statusCode(400)
                .body("errors[0].field", is("validFor"));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/permission-requests/" + pending)
                .then()
                .statusCode(200)
                .body("status", is("PENDING"));
    }

    @Test
    void aMemberAppliesToInstallTheAppWhileTheLiveServiceIsOffAndTheApprovalStands() {
        liveService(false);

        // 未开通企业直播服务时, 成员可以申请安装 (reference 001): exactly when installing is asked.
        String install =
                request(member, "INSTALL_APP")
                        .statusCode(201)
                        .body("status", is("PENDING"))
                        .extract()
                        .path("id");
        request(member, "USE_APP").statusCode(403).body("reason", is("live-service-disabled"));
        decide(install, "approve", Map.of("comment", "will switch it on"))
                .statusCode(200)
                .body("request.status", is("APPROVED"))
                .body("grant", nullValue());

        liveService(true);
        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .get("/permission-requests/" + install)
                .then()
                .statusCode(200)
                .body("status", is("APPROVED"));
        request(member, "USE_APP").statusCode(201);
    }

    @Test
    void nonBroadcastRequestsAreApprovedWithoutAGrant() {
        String requestId = request(member, "INSTALL_APP").extract().path("id");
        decide(requestId, "approve", Map.of()).statusCode(200).body("grant", nullValue());
    }

    @Test
    void onlyDirectoryMembersOfAnEnabledTenantMayAsk() {
        request("stranger", "BROADCAST").statusCode(403).body("reason", is("not-a-member"));
        liveService(false);
        request(member, "BROADCAST").statusCode(403).body("reason", is("live-service-disabled"));
    }

    @Test
    void membersSeeOnlyTheirOwnRequestsAndCannotDecide() {
        Fixtures.member(tenant, "carol");
        String mine = request(member, "BROADCAST").extract().path("id");
        String theirs = request("carol", "BROADCAST").extract().path("id");

        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .get("/permission-requests")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("id", everyItem(is(mine)));
        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .get("/permission-requests/" + theirs)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/permission-requests/" + mine + "/approve")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/permission-requests?status=PENDING")
                .then()
                .statusCode(200)
                .body("", hasSize(2));
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .get("/permission-requests?tenantId=" + tenant)
                .then()
                .statusCode(200)
                .body("", hasSize(2));
    }

    @Test
    void anotherTenantsAdminSees404() {
        String requestId = request(member, "BROADCAST").extract().path("id");
        given().auth()
                .oauth2(TestTokens.tenantAdmin("other-" + tenant))
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/permission-requests/" + requestId + "/approve")
                .then()
                .statusCode(404)
                .body("reason", is("not-found"));
        given().auth()
                .oauth2(TestTokens.tenantAdmin("other-" + tenant))
                .get("/permission-requests/" + requestId)
                .then()
                .statusCode(404);
    }

    @Test
    void badRequestsNameTheField() {
        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .contentType(ContentType.JSON)
                .body(Map.of("purpose", "BROADCAST"))
                .post("/permission-requests")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("reason"));
        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .contentType(ContentType.JSON)
                .body(Map.of("purpose", "EVERYTHING", "reason", "x"))
                .post("/permission-requests")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("purpose"));
        String requestId = request(member, "BROADCAST").extract().path("id");
        decide(requestId, "approve", Map.of("validFor", "PT0S"))
                .statusCode(400)
                .body("errors[0].field", is("validFor"));
    }

    private ValidatableResponse request(String who, String purpose) {
        return given().auth()
                .oauth2(TestTokens.member(tenant, who))
                .contentType(ContentType.JSON)
                .body(Map.of("purpose", purpose, "reason", "weekly product training"))
                .post("/permission-requests")
                .then();
    }

    private ValidatableResponse decide(
            String requestId, String decision, Map<String, Object> body) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/permission-requests/" + requestId + "/" + decision)
                .then();
    }

    private ValidatableResponse bulk(String decision, Map<String, Object> body) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/permission-requests/" + decision)
                .then();
    }

    private void liveService(boolean enabled) {
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("liveServiceEnabled", enabled))
                .put("/tenants/" + tenant + "/settings")
                .then()
                .statusCode(200);
    }
}
