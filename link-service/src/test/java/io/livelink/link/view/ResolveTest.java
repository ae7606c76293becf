package io.livelink.link.view;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.livelink.events.Device;
import io.livelink.events.LinkIssued;
import io.livelink.events.Playback;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.link.TestClock;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ResolveTest {

    private static final String IPHONE =
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @AfterEach
    void putClockBack() {
        TestClock.CLOCK.reset();
    }

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
    void issuedH5LinkResolvesAnonymouslyAndEmitsAJoin() {
        String streamId = createStream("H5");
        Response issued = issueLink(streamId, "weibo").then().statusCode(201).extract().response();
        String url = issued.path("url");
        assertThat(url).matches("http://127\\.0\\.0\\.1:8081/s/[0-9A-Za-z]{10}");
        LinkIssued announced =
                kafka.awaitEvent(
                        LinkIssued.class,
                        e -> e.linkId().equals(issued.path("linkId")),
                        Duration.ofSeconds(20));
        assertThat(announced.streamId()).isEqualTo(streamId);
        assertThat(announced.channel()).isEqualTo("weibo");
        assertThat(announced.expiresAt()).isEqualTo(Instant.parse(issued.path("expiresAt")));

        Response resolved =
                given().header("User-Agent", IPHONE)
                        .get(pathOf(url))
                        .then()
                        .statusCode(200)
                        .body("streamId", is(streamId))
                        .body("playback", is("LIVE"))
                        .body("state", is("SCHEDULED"))
                        .body("playUrl", startsWith("http"))
                        .extract()
                        .response();
        String sessionId = resolved.path("viewSessionId");
        String viewerId = resolved.path("viewerId");
        assertThat(resolved.cookie("ll_uid")).isEqualTo(viewerId);

        ViewEvent join =
                kafka.awaitEvent(
                        ViewEvent.class,
                        e -> e.sessionId().equals(sessionId),
                        Duration.ofSeconds(20));
        assertThat(join.kind()).isEqualTo(ViewKind.JOIN);
        assertThat(join.streamId()).isEqualTo(streamId);
        assertThat(join.tenantId()).isEqualTo(tenant);
        assertThat(join.viewerId()).isEqualTo(viewerId);
        assertThat(join.viewerIdKind()).isEqualTo(ViewerIdKind.CLOUD_UID);
        assertThat(join.device()).isEqualTo(Device.MOBILE);
        assertThat(join.playback()).isEqualTo(Playback.LIVE);
        assertThat(join.channel()).isEqualTo("weibo");
        assertThat(join.utmSource()).isEqualTo("weibo");
        assertThat(join.utmCampaign()).isEqualTo("launch");
    }

    @Test
    void returningViewerKeepsTheCloudUidOfItsCookie() {
        String url = issueLink(createStream("H5"), "wechat").then().extract().path("url");
        String uid = "returning-" + UUID.randomUUID();

        given().cookie("ll_uid", uid)
                .get(pathOf(url))
                .then()
                .statusCode(200)
                .body("viewerId", is(uid))
                .header("Set-Cookie", nullValue());
    }

    @Test
    void h5LinkExpiresAfterSixMonths() {
        TestClock.CLOCK.freeze();
        String url = issueLink(createStream("H5"), "qq").then().extract().path("url");

        TestClock.CLOCK.advance(Duration.ofDays(180).minusSeconds(1));
        given().get(pathOf(url)).then().statusCode(200);

        TestClock.CLOCK.advance(Duration.ofSeconds(1));
        given().get(pathOf(url))
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("reason", is("expired"));
    }

    @Test
    void unknownAndMalformedCodesAre404Problems() {
        given().get("/s/AAAAAAAAAA").then().statusCode(404).body("reason", is("unknown-link"));
        given().get("/s/short").then().statusCode(404).body("reason", is("unknown-link"));
    }

    @Test
    void linksOfAnotherTenantsStreamCannotBeIssued() {
        String streamId = createStream("H5");
        given().auth()
                .oauth2(TestTokens.tenantAdmin("intruder-" + tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "weibo"))
                .post("/streams/" + streamId + "/links")
                .then()
                .statusCode(404);
    }

    @Test
    void channelIsRequiredAndChecked() {
        String streamId = createStream("H5");
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "we chat!"))
                .post("/streams/" + streamId + "/links")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("channel"));
    }

    private String createStream(String type) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("type", type, "title", "Launch"))
                .post("/streams")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private Response issueLink(String streamId, String channel) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("channel", channel, "utmMedium", "social", "utmCampaign", "launch"))
                .post("/streams/" + streamId + "/links");
    }

    private static String pathOf(String url) {
        return url.replaceFirst("^https?://[^/]+", "");
    }
}
