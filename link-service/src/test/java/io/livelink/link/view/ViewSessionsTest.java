package io.livelink.link.view;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.LinkRevoked;
import io.livelink.events.MemberLeft;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.link.LinkFixtures;
import io.livelink.link.TenantFixtures;
import io.livelink.link.TestClock;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ViewSessionsTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject EntityManager entityManager;
    @Inject MeterRegistry metrics;

    @BeforeEach
    void aQualifiedTenant() {
        TenantFixtures.qualifiedTenant(
                kafka,
                tenant,
                BroadcastPolicy.SELECTED_MEMBERS,
                StreamType.ENTERPRISE,
                StreamType.H5);
    }

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void aViewIsASignedTokenAndEachStepAViewEventWithoutARowInPostgres() {
        String path = LinkFixtures.h5Path(tenant, LinkFixtures.stream(tenant, "H5"));
        await().atMost(Duration.ofSeconds(20)).until(() -> rowsOf("outbox_message") == 0);
        long rowsBefore = rowsOf("stream_link") + rowsOf("live_stream");
        double throughOutbox = throughOutbox();
        ExtractableResponse<Response> resolved = given().get(path).then().statusCode(200).extract();
        String token = resolved.path("viewSession");
        String sessionId = resolved.path("viewSessionId");
        assertThat(token).startsWith("v2.").doesNotContain(sessionId);

        given().post("/sessions/" + token + "/heartbeat")
                .then()
                .statusCode(200)
                .body("playUrl", startsWith("http"))
                .body("playUrlExpiresAt", notNullValue())
                .body("heartbeatIntervalSeconds", is(15));
        given().post("/sessions/" + token + "/leave").then().statusCode(204);

        List<ViewEvent> events =
                kafka.awaitEvents(
                        ViewEvent.class,
                        e -> e.sessionId().equals(sessionId),
                        3,
                        Duration.ofSeconds(20));
        assertThat(events)
                .extracting(ViewEvent::kind)
                .containsExactly(ViewKind.JOIN, ViewKind.HEARTBEAT, ViewKind.LEAVE);
        // Each carries the same moment the session was opened (its JOIN's, to the millisecond, as
        // the token says it), by which analytics keeps the session on one row.
        assertThat(events)
                .extracting(ViewEvent::sessionOpenedAt)
                .containsOnly(events.get(0).occurredAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(rowsOf("stream_link") + rowsOf("live_stream") + rowsOf("outbox_message"))
                .as("resolve, heartbeat and leave write nothing to link-service's tables")
                .isEqualTo(rowsBefore);
        assertThat(throughOutbox()).as("all three acknowledged by Kafka").isEqualTo(throughOutbox);
    }

    @Test
    void aTokenLiveLinkDidNotSignAsItIsIsRefusedAsTampered() {
        String token = resolveH5(LinkFixtures.stream(tenant, "H5")).path("viewSession");
        String[] parts = token.split("\\.");
        char first = parts[1].charAt(0);
        String altered =
                parts[0]
                        + "."
                        + (first == 'A' ? 'B' : 'A')
                        + parts[1].substring(1)
                        + "."
                        + parts[2]
                        + "."
                        + parts[3];
        for (String bad :
                List.of(
                        altered,
                        token + "x",
                        UUID.randomUUID().toString(),
                        "v2." + parts[1] + ".k9." + parts[3])) {
            given().post("/sessions/" + bad + "/heartbeat")
                    .then()
                    .statusCode(403)
                    .body("reason", is("tampered"));
        }
    }

    @Test
    void aRevokedLinksViewersAreTurnedAwayAtTheirNextHeartbeat() {
        String stream = LinkFixtures.stream(tenant, "H5");
        ExtractableResponse<Response> issued =
                LinkFixtures.issue(tenant, stream, "weibo").statusCode(201).extract();
        String token =
                given().get(LinkFixtures.pathOf(issued.path("url")))
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("viewSession");
        given().post("/sessions/" + token + "/heartbeat").then().statusCode(200);

        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .post("/links/" + issued.path("linkId") + "/revoke")
                .then()
                .statusCode(200);

        given().post("/sessions/" + token + "/heartbeat")
                .then()
                .statusCode(410)
                .body("reason", is("revoked"));
    }

    @Test
    void aSessionOlderThanTheLongestASessionMayLastIsRefused() {
        TestClock.CLOCK.freeze();
        String token = resolveH5(LinkFixtures.stream(tenant, "H5")).path("viewSession");
        TestClock.CLOCK.advance(Duration.ofHours(12).minusSeconds(1));
        given().post("/sessions/" + token + "/heartbeat").then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofSeconds(1));
        given().post("/sessions/" + token + "/heartbeat")
                .then()
                .statusCode(410)
                .body("reason", is("session-expired"));
    }

    @Test
    void aLiveViewOfABroadcastThatEndedIsRefused() {
        String stream = LinkFixtures.stream(tenant, "H5");
        String token = resolveH5(stream).path("viewSession");
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .post("/streams/" + stream + "/end")
                .then()
                .statusCode(200);
        given().post("/sessions/" + token + "/heartbeat")
                .then()
                .statusCode(410)
                .body("reason", is("stream-ended"));
    }

    /**
     * The defect of issue 13: views opened in the moments around a departure stayed open. Once the
     * departure is applied, every session of that member is refused, whenever it was opened.
     */
    @Test
    void resolvesRacingADepartureLeaveNoSessionOfThatMemberWatchable() throws Exception {
        String member = "m-" + UUID.randomUUID();
        TenantFixtures.member(kafka, tenant, member);
        String stream = LinkFixtures.stream(tenant, "ENTERPRISE");
        String path =
                LinkFixtures.pathOf(
                        given().auth()
                                .oauth2(TestTokens.tenantAdmin(tenant))
                                .contentType(ContentType.JSON)
                                .body(Map.of("channel", "wecom", "memberId", member))
                                .post("/streams/" + stream + "/links")
                                .then()
                                .statusCode(201)
                                .extract()
                                .<String>path("url"));

        ExecutorService viewers = Executors.newFixedThreadPool(8);
        List<Future<String>> opened = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                opened.add(
                        viewers.submit(
                                () -> {
                                    ExtractableResponse<Response> answer =
                                            given().urlEncodingEnabled(false)
                                                    .get(path)
                                                    .then()
                                                    .extract();
                                    return answer.statusCode() == 200
                                            ? answer.path("viewSession")
                                            : null;
                                }));
                if (i == 60) {
                    kafka.publish(new MemberLeft(tenant, member, Instant.now()));
                }
            }
            List<String> tokens = new ArrayList<>();
            for (Future<String> future : opened) {
                String token = future.get();
                if (token != null) {
                    tokens.add(token);
                }
            }
            assertThat(tokens).as("some resolves beat the departure").isNotEmpty();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () ->
                                    given().urlEncodingEnabled(false)
                                            .get(path)
                                            .then()
                                            .statusCode(410));
            for (String token : tokens) {
                given().post("/sessions/" + token + "/heartbeat")
                        .then()
                        .statusCode(410)
                        .body("reason", org.hamcrest.Matchers.oneOf("not-a-member", "revoked"));
            }
        } finally {
            viewers.shutdownNow();
        }
        kafka.awaitEvent(
                LinkRevoked.class,
                revoked -> revoked.streamId().equals(stream),
                Duration.ofSeconds(20));
    }

    @Test
    void aMemberLinkIsIssuedOnlyToAMemberOfTheDirectory() {
        String stream = LinkFixtures.stream(tenant, "ENTERPRISE");
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "wecom", "memberId", "never-a-member"))
                .post("/streams/" + stream + "/links")
                .then()
                .statusCode(403)
                .body("reason", is("not-a-member"));
        given().auth()
                .oauth2(TestTokens.member(tenant, "never-a-member"))
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "wecom"))
                .post("/streams/" + stream + "/links")
                .then()
                .statusCode(403);
    }

    @Test
    void aLinkPreviewCrawlerGetsOpenGraphTagsAndOpensNoSession() {
        String stream =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .contentType(ContentType.JSON)
                        .body(
                                Map.of(
                                        "type",
                                        "H5",
                                        "title",
                                        "新品发布会 <launch>",
                                        "description",
                                        "Spring launch",
                                        "coverUrl",
                                        "https://cdn.example.com/cover.jpg"))
                        .post("/streams")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        String path = LinkFixtures.h5Path(tenant, stream);
        for (String crawler :
                List.of(
                        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
                        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
                        "TelegramBot (like TwitterBot)",
                        "WhatsApp/2.23.20.0")) {
            String html =
                    given().header("User-Agent", crawler)
                            .header("Accept", "text/html")
                            .get(path)
                            .then()
                            .statusCode(200)
                            .contentType(ContentType.HTML)
                            .extract()
                            .asString();
            assertThat(html)
                    .contains("<meta property=\"og:title\" content=\"新品发布会 &lt;launch&gt;\">")
                    .contains("<meta property=\"og:description\" content=\"Spring launch\">")
                    .contains(
                            "<meta property=\"og:image\" content=\"https://cdn.example.com/cover.jpg\">");
        }
        // A real viewer after the crawlers: the only JOIN of the stream is theirs.
        String viewer = given().get(path).then().statusCode(200).extract().path("viewSessionId");
        List<ViewEvent> joins =
                kafka.awaitEvents(
                        ViewEvent.class,
                        e -> e.streamId().equals(stream),
                        1,
                        Duration.ofSeconds(20));
        assertThat(joins).extracting(ViewEvent::sessionId).containsExactly(viewer);
    }

    private ExtractableResponse<Response> resolveH5(String stream) {
        return given().get(LinkFixtures.h5Path(tenant, stream)).then().statusCode(200).extract();
    }

    private long rowsOf(String table) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                ((Number)
                                                entityManager
                                                        .createNativeQuery(
                                                                "select count(*) from " + table)
                                                        .getSingleResult())
                                        .longValue());
    }

    private double throughOutbox() {
        return metrics.counter("livelink.kafka.first.events", "outcome", "outbox").count();
    }
}
