package io.livelink.link.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.MemberLeft;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.link.TenantFixtures;
import io.livelink.link.TestClock;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ViewSessionsTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject ViewSessions sessions;

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
    void heartbeatsAndLeaveAreViewEventsAndAClosedSessionStaysClosed() {
        String session = openH5Session();
        given().post("/sessions/" + session + "/heartbeat").then().statusCode(204);
        given().post("/sessions/" + session + "/leave").then().statusCode(204);
        given().post("/sessions/" + session + "/leave").then().statusCode(204);
        given().post("/sessions/" + session + "/heartbeat")
                .then()
                .statusCode(410)
                .body("reason", is("session-closed"));
        given().post("/sessions/" + UUID.randomUUID() + "/heartbeat").then().statusCode(404);

        assertThat(
                        kafka.awaitEvents(
                                ViewEvent.class,
                                e -> e.sessionId().equals(session),
                                3,
                                Duration.ofSeconds(20)))
                .extracting(ViewEvent::kind)
                .containsExactly(ViewKind.JOIN, ViewKind.HEARTBEAT, ViewKind.LEAVE);
    }

    @Test
    void aSilentSessionIsClosedAsOfWhenItWasLastSeen() {
        TestClock.CLOCK.freeze();
        String session = openH5Session();
        TestClock.CLOCK.advance(Duration.ofSeconds(10));
        given().post("/sessions/" + session + "/heartbeat").then().statusCode(204);
        Instant lastSeen = TestClock.CLOCK.instant();

        TestClock.CLOCK.advance(Duration.ofSeconds(60));
        sessions.closeSilentSessions();
        given().post("/sessions/" + session + "/heartbeat").then().statusCode(204);

        TestClock.CLOCK.advance(Duration.ofSeconds(61));
        sessions.closeSilentSessions();
        given().post("/sessions/" + session + "/heartbeat").then().statusCode(410);
        ViewEvent leave =
                kafka.awaitEvent(
                        ViewEvent.class,
                        e -> e.sessionId().equals(session) && e.kind() == ViewKind.LEAVE,
                        Duration.ofSeconds(20));
        assertThat(leave.occurredAt()).isEqualTo(lastSeen.plusSeconds(60));
    }

    @Test
    void aMemberWhoLeavesHasTheirOpenSessionsEnded() {
        String member = "m-" + UUID.randomUUID();
        String streamId =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .contentType(ContentType.JSON)
                        .body(Map.of("type", "ENTERPRISE", "title", "Training"))
                        .post("/streams")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        String url =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .contentType(ContentType.JSON)
                        .body(Map.of("channel", "wecom", "memberId", member))
                        .post("/streams/" + streamId + "/links")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("url");
        String session =
                given().urlEncodingEnabled(false)
                        .get(url.replaceFirst("^https?://[^/]+", ""))
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("viewSessionId");

        kafka.publish(new MemberLeft(tenant, member, Instant.now()));
        kafka.awaitEvent(
                ViewEvent.class,
                e -> e.sessionId().equals(session) && e.kind() == ViewKind.LEAVE,
                Duration.ofSeconds(20));
        given().post("/sessions/" + session + "/heartbeat").then().statusCode(410);
    }

    private String openH5Session() {
        String streamId =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .contentType(ContentType.JSON)
                        .body(Map.of("type", "H5", "title", "Launch"))
                        .post("/streams")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        String url =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .contentType(ContentType.JSON)
                        .body(Map.of("channel", "weibo"))
                        .post("/streams/" + streamId + "/links")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("url");
        return given().get(url.replaceFirst("^https?://[^/]+", ""))
                .then()
                .statusCode(200)
                .extract()
                .path("viewSessionId");
    }
}
