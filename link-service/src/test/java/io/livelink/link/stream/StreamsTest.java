package io.livelink.link.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPermissionGranted;
import io.livelink.events.BroadcastPermissionRevoked;
import io.livelink.events.CloudEventRecords;
import io.livelink.events.StreamState;
import io.livelink.events.StreamStateChanged;
import io.livelink.events.Topics;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.MonitoringAsCode;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class StreamsTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @org.junit.jupiter.api.BeforeEach
    void aQualifiedTenant() {
        io.livelink.link.TenantFixtures.qualifiedTenant(
                kafka,
                tenant,
                io.livelink.events.BroadcastPolicy.SELECTED_MEMBERS,
                io.livelink.events.StreamType.ENTERPRISE,
                io.livelink.events.StreamType.H5);
    }

    @Test
    void tenantAdminCreatesAStreamAndItsCreationIsPublished() {
        String streamId =
                createStream(
                                TestTokens.tenantAdmin(tenant),
                                Map.of("type", "H5", "title", "Launch"))
                        .statusCode(201)
                        .body("state", is("SCHEDULED"))
                        .body("watchScope", is("EVERYONE"))
                        .body("replayEnabled", is(true))
                        .body("tenantId", is(tenant))
                        .extract()
                        .path("id");

        StreamStateChanged published =
                kafka.awaitEvent(
                        StreamStateChanged.class,
                        e -> e.streamId().equals(streamId),
                        Duration.ofSeconds(20));
        assertThat(published.state()).isEqualTo(StreamState.SCHEDULED);
        assertThat(published.previousState()).isNull();
        assertThat(published.tenantId()).isEqualTo(tenant);
    }

    @Test
    void enterpriseStreamsDefaultToEmployeesOnly() {
        createStream(
                        TestTokens.tenantAdmin(tenant),
                        Map.of("type", "ENTERPRISE", "title", "Training"))
                .statusCode(201)
                .body("watchScope", is("EMPLOYEES_ONLY"));
    }

    @Test
    void memberWithoutGrantIsRefusedWith403Problem() {
        createStream(TestTokens.member(tenant, "m-no-grant"), Map.of("type", "H5", "title", "Mine"))
                .statusCode(403)
                .contentType("application/problem+json")
                .body("reason", is("no-broadcast-permission"))
                .body("status", is(403));
    }

    @Test
    void memberMayCreateStreamsOnceGrantArrivesAndNotAfterRevocation() {
        String member = "m-" + UUID.randomUUID();
        String grantId = grantBroadcast(tenant, member);
        awaitStreamCreation(member, 201);
        createStream(TestTokens.member(tenant, member), Map.of("type", "H5", "title", "Mine"))
                .statusCode(201)
                .body("createdBy", is(member));

        kafka.publish(
                new BroadcastPermissionRevoked(
                        grantId, tenant, member, "admin", "left team", Instant.now()));
        awaitStreamCreation(member, 403);
    }

    @Test
    void aGrantForAnotherTenantDoesNotCount() {
        String member = "m-" + UUID.randomUUID();
        grantBroadcast("other-" + tenant, member);
        // A later grant on the same partition proves the consumer got past the first one.
        String marker = "m-" + UUID.randomUUID();
        grantBroadcast(tenant, marker);
        awaitStreamCreation(marker, 201);

        createStream(TestTokens.member(tenant, member), Map.of("type", "H5", "title", "x"))
                .statusCode(403);
    }

    @Test
    void malformedPermissionRecordGoesToDeadLetterAndConsumptionGoesOn() {
        String garbageKey = "garbage-" + UUID.randomUUID();
        double deadLettered = deadLettersFrom(Topics.PERMISSION_EVENTS);
        kafka.publishRaw(Topics.PERMISSION_EVENTS, garbageKey, "{\"not\":\"an event\"}");
        String member = "m-" + UUID.randomUUID();
        grantBroadcast(tenant, member);

        awaitStreamCreation(member, 201);
        var dead =
                kafka.awaitRawRecord(
                        Topics.DEAD_LETTER,
                        r -> garbageKey.equals(r.key()),
                        Duration.ofSeconds(20));
        assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        // The record as it came: value and headers (the CloudEvents content type) kept.
        assertThat(dead.value()).isEqualTo("{\"not\":\"an event\"}");
        assertThat(CloudEventRecords.isStructuredJson(dead.headers())).isTrue();
        // ... and counted for operators' dead-letter alert.
        assertThat(deadLettersFrom(Topics.PERMISSION_EVENTS)).isEqualTo(deadLettered + 1);
    }

    @Test
    void streamsOfATypeTheTenantIsNotVerifiedForAreRefused() {
        createStream(TestTokens.tenantAdmin(tenant), Map.of("type", "MINI_PROGRAM", "title", "x"))
                .statusCode(403)
                .contentType("application/problem+json")
                .body("reason", is("tenant-not-qualified"));
        kafka.publish(
                new io.livelink.events.TenantQualificationChanged(
                        tenant,
                        io.livelink.events.StreamType.H5,
                        io.livelink.events.QualificationStatus.REJECTED,
                        "licence expired",
                        Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                createStream(
                                                TestTokens.tenantAdmin(tenant),
                                                Map.of("type", "H5", "title", "x"))
                                        .statusCode(403)
                                        .body("reason", is("tenant-not-qualified")));
    }

    @Test
    void aTenantWhoseLiveServiceIsOffMayNotStream() {
        kafka.publish(
                new io.livelink.events.TenantSettingsChanged(
                        tenant,
                        false,
                        io.livelink.events.BroadcastPolicy.SELECTED_MEMBERS,
                        "Asia/Shanghai",
                        Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                createStream(
                                                TestTokens.tenantAdmin(tenant),
                                                Map.of("type", "H5", "title", "x"))
                                        .statusCode(403)
                                        .body("reason", is("live-service-disabled")));
    }

    @Test
    void underAllMembersPolicyAnyMemberBroadcastsUntilTheyLeave() {
        String member = "m-" + UUID.randomUUID();
        kafka.publish(
                new io.livelink.events.TenantSettingsChanged(
                        tenant,
                        true,
                        io.livelink.events.BroadcastPolicy.ALL_MEMBERS,
                        "Asia/Shanghai",
                        Instant.now()));
        awaitStreamCreation(member, 201);

        kafka.publish(new io.livelink.events.MemberLeft(tenant, member, Instant.now()));
        awaitStreamCreation(member, 403);
    }

    @Test
    void invalidRequestNamesEachBadField() {
        createStream(TestTokens.tenantAdmin(tenant), Map.of("type", "H5", "title", " "))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("reason", is("invalid-request"))
                .body("errors.field", hasItem("title"));

        createStream(TestTokens.tenantAdmin(tenant), Map.of("type", "FRIDGE", "title", "ok"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("type"));

        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body("{\"type\": ")
                .post("/streams")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("body"));
    }

    @Test
    void anotherTenantsStreamAnswers404AsIfItDidNotExist() {
        String streamId =
                createStream(TestTokens.tenantAdmin(tenant), Map.of("type", "H5", "title", "Mine"))
                        .statusCode(201)
                        .extract()
                        .path("id");

        given().auth()
                .oauth2(TestTokens.tenantAdmin("intruder-" + tenant))
                .get("/streams/" + streamId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("reason", is("not-found"));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/streams/" + streamId)
                .then()
                .statusCode(200)
                .body("title", equalTo("Mine"));
    }

    @Test
    void callsWithoutAValidTokenAre401Problems() {
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "H5", "title", "x"))
                .post("/streams")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("reason", is("unauthenticated"));
        given().auth()
                .oauth2("not.a.jwt")
                .get("/streams")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void theRootSaysWhichServiceThisIs() {
        given().get("/")
                .then()
                .statusCode(200)
                .body("service", is("link-service"))
                .body("version", is("0.1.0-SNAPSHOT"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        String readiness =
                given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("status", is("UP"))
                        .extract()
                        .asString()
                        .toLowerCase();
        assertThat(readiness).contains("database").contains("kafka");
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/streams"));
    }

    private static double deadLettersFrom(String topic) {
        return MonitoringAsCode.sample(
                given().get("/q/metrics").then().extract().asString(),
                "livelink_dead_letters_total",
                Map.of("topic", topic));
    }

    /** Publishes a grant as permission-service would; returns the grant id. */
    private String grantBroadcast(String tenantId, String member) {
        String grantId = UUID.randomUUID().toString();
        kafka.publish(
                new BroadcastPermissionGranted(
                        grantId,
                        null,
                        tenantId,
                        member,
                        "sa-" + member,
                        member + ".live",
                        "admin",
                        Instant.now().minusSeconds(5),
                        null));
        return grantId;
    }

    /** Waits until the member's stream creation answers the status (the read model caught up). */
    private void awaitStreamCreation(String member, int status) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                createStream(
                                                TestTokens.member(tenant, member),
                                                Map.of("type", "H5", "title", "Mine"))
                                        .statusCode(status));
    }

    private static ValidatableResponse createStream(String token, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/streams")
                .then();
    }
}
