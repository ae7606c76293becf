package io.livelink.link.view;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.MemberLeft;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewerIdKind;
import io.livelink.link.TenantFixtures;
import io.livelink.link.TestClock;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class EnterpriseLinksTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String member = "zhang.san-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void aQualifiedTenant() {
        TenantFixtures.qualifiedTenant(
                kafka, tenant, BroadcastPolicy.SELECTED_MEMBERS, StreamType.ENTERPRISE);
        TenantFixtures.member(kafka, tenant, member);
    }

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void aMembersLinkResolvesToThemWithoutShowingTheirId() {
        String streamId = stream("EMPLOYEES_ONLY");
        String url = link(streamId, member);
        assertThat(url)
                .startsWith("http://127.0.0.1:8081/e/" + streamId + "?corp=" + tenant + "&ts=")
                .doesNotContain(member);

        String sessionId =
                given().get(path(url))
                        .then()
                        .statusCode(200)
                        .body("viewerId", is(member))
                        .extract()
                        .path("viewSessionId");
        ViewEvent join =
                kafka.awaitEvent(
                        ViewEvent.class,
                        e -> e.sessionId().equals(sessionId),
                        Duration.ofSeconds(20));
        assertThat(join.viewerIdKind()).isEqualTo(ViewerIdKind.MEMBER);
        assertThat(join.streamType()).isEqualTo(StreamType.ENTERPRISE);
    }

    @Test
    void openedInWeComsBrowserTheLinkLeadsToThePlayerOrSaysWhyNot() {
        String url = path(link(stream("EMPLOYEES_ONLY"), member));
        String location =
                given().redirects()
                        .follow(false)
                        .header("Accept", BrowserRedirectTest.CHROME_ACCEPT)
                        .header("User-Agent", "Mozilla/5.0 (Linux; Android 14) wxwork/4.1.20")
                        .get(url)
                        .then()
                        .statusCode(303)
                        .header("Cache-Control", "no-store")
                        .extract()
                        .header("Location");
        assertThat(location).startsWith("http://127.0.0.1:8081/player/?token=");
        String token = location.substring(location.indexOf("token=") + "token=".length());
        given().get(
                        "/play/"
                                + java.net.URLDecoder.decode(
                                        token, java.nio.charset.StandardCharsets.UTF_8))
                .then()
                .statusCode(200)
                .body("viewerId", is(member))
                .body("streamType", is("ENTERPRISE"));

        // A tampered link, opened in a browser whose language is Chinese: the reason, in Chinese.
        given().header("Accept", BrowserRedirectTest.CHROME_ACCEPT)
                .header("Accept-Language", "zh-CN,zh;q=0.9")
                .get(url.replace("&sig=", "&sig=A"))
                .then()
                .statusCode(403)
                .contentType(containsString("text/html"))
                .body(containsString("data-reason=\"tampered\""))
                .body(containsString("链接无效"));
        // An API client still gets the problem.
        given().get(url.replace("&sig=", "&sig=A"))
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("reason", is("tampered"));
    }

    @Test
    void changingAnySingleCharacterOfTheLinkGetsItRefused() {
        String url = path(link(stream("EMPLOYEES_ONLY"), member));
        int refused = 0;
        for (int i = 1; i < url.length(); i++) {
            char original = url.charAt(i);
            String altered = url.substring(0, i) + substitute(original) + url.substring(i + 1);
            int status =
                    given().urlEncodingEnabled(false).get(altered).then().extract().statusCode();
            assertThat(status).as("altered at %d: %s", i, altered).isBetween(400, 499);
            refused++;
        }
        assertThat(refused).isEqualTo(url.length() - 1);
        given().urlEncodingEnabled(false).get(url).then().statusCode(200);
    }

    @Test
    void linksExpireAfterFifteenMinutesToTheSecond() {
        TestClock.CLOCK.freeze();
        String url = path(link(stream("EMPLOYEES_ONLY"), member));

        TestClock.CLOCK.advance(Duration.ofMinutes(15).minusSeconds(1));
        given().urlEncodingEnabled(false).get(url).then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofSeconds(1));
        given().urlEncodingEnabled(false)
                .get(url)
                .then()
                .statusCode(410)
                .body("reason", is("expired"));
    }

    @Test
    void onlyTheCanonicalFormOfTheTimestampIsTheSignedLink() {
        String url = path(link(stream("EMPLOYEES_ONLY"), member));
        given().urlEncodingEnabled(false)
                .get(url.replace("&ts=", "&ts=0"))
                .then()
                .statusCode(403)
                .body("reason", is("tampered"));
        given().urlEncodingEnabled(false)
                .get(url.replace("&ts=", "&ts=+"))
                .then()
                .statusCode(403)
                .body("reason", is("tampered"));
        given().urlEncodingEnabled(false).get(url).then().statusCode(200);
    }

    @Test
    void aTimestampFromTheFutureIsAllowedOnlyWithinTheSkew() {
        TestClock.CLOCK.freeze();
        String url = path(link(stream("EMPLOYEES_ONLY"), member));

        TestClock.CLOCK.advance(Duration.ofSeconds(-60));
        given().urlEncodingEnabled(false).get(url).then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofSeconds(-1));
        given().urlEncodingEnabled(false)
                .get(url)
                .then()
                .statusCode(403)
                .body("reason", is("tampered"));
    }

    @Test
    void aMemberWhoLeavesLosesTheirMemberLinksAtOnce() {
        String employeesOnly = path(link(stream("EMPLOYEES_ONLY"), member));
        String everyone = path(link(stream("EVERYONE"), member));

        kafka.publish(new MemberLeft(tenant, member, Instant.now()));
        // SPEC §1: an ENTERPRISE link dies at once when its member leaves.
        for (String link : List.of(employeesOnly, everyone)) {
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () ->
                                    given().urlEncodingEnabled(false)
                                            .get(link)
                                            .then()
                                            .statusCode(410)
                                            .body("reason", is("revoked")));
        }
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "wecom", "memberId", member))
                .post("/streams/" + UUID.randomUUID() + "/links")
                .then()
                .statusCode(404);
    }

    @Test
    void membersGetLinksOnlyForThemselves() {
        String streamId = stream("EMPLOYEES_ONLY");
        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "wecom"))
                .post("/streams/" + streamId + "/links")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "wecom", "memberId", "someone-else"))
                .post("/streams/" + streamId + "/links")
                .then()
                .statusCode(403);
    }

    private String stream(String scope) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "type",
                                "ENTERPRISE",
                                "title",
                                "Compliance training",
                                "watchScope",
                                scope))
                .post("/streams")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String link(String streamId, String forMember) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "wecom", "memberId", forMember, "utmCampaign", "q4"))
                .post("/streams/" + streamId + "/links")
                .then()
                .statusCode(201)
                .extract()
                .path("url");
    }

    private static String path(String url) {
        return url.replaceFirst("^https?://[^/]+", "");
    }

    /** Another character of the same kind, so the altered link stays a well-formed URL. */
    private static char substitute(char c) {
        if (c >= '0' && c <= '8' || c >= 'a' && c <= 'y' || c >= 'A' && c <= 'Y') {
            return (char) (c + 1);
        }
        return switch (c) {
            case '9' -> '0';
            case 'z' -> 'a';
            case 'Z' -> 'A';
            case '-' -> '_';
            case '_' -> '-';
            default -> 'x';
        };
    }
}
