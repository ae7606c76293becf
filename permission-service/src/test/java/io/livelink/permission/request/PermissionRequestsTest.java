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
import io.livelink.events.BroadcastPermissionRequested;
import io.livelink.permission.TestClock;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class PermissionRequestsTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String member = "m-" + UUID.randomUUID();

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
    void pendingRequestExpiresAfterItsTimeToTheSecond() {
        TestClock.CLOCK.freeze();
        String requestId = request(member, "BROADCAST").extract().path("id");

        TestClock.CLOCK.advance(Duration.ofDays(7));
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
    void nonBroadcastRequestsAreApprovedWithoutAGrant() {
        String requestId = request(member, "INSTALL_APP").extract().path("id");
        decide(requestId, "approve", Map.of()).statusCode(200).body("grant", nullValue());
    }

    @Test
    void membersSeeOnlyTheirOwnRequestsAndCannotDecide() {
        String mine = request(member, "BROADCAST").extract().path("id");
        String theirs = request("m-other-" + UUID.randomUUID(), "BROADCAST").extract().path("id");

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
}
