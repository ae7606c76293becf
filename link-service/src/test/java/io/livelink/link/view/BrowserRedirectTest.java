package io.livelink.link.view;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.link.LinkFixtures;
import io.livelink.link.TenantFixtures;
import io.livelink.link.TestClock;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An H5 link opened in a browser goes on to the player with a short-lived, signed player token; API
 * clients keep the JSON answer.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class BrowserRedirectTest {

    /** What Chrome sends when it navigates to a page. */
    static final String CHROME_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @BeforeEach
    void aQualifiedTenant() {
        TenantFixtures.qualifiedTenant(
                kafka, tenant, BroadcastPolicy.SELECTED_MEMBERS, StreamType.H5);
    }

    @AfterEach
    void putClockBack() {
        TestClock.CLOCK.reset();
    }

    @Test
    void aBrowserIsRedirectedToThePlayerWhichExchangesTheToken() {
        String streamId = LinkFixtures.stream(tenant, "H5");
        Response redirect = browser().get(LinkFixtures.h5Path(tenant, streamId));

        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.header("Cache-Control")).isEqualTo("no-store");
        URI player = URI.create(redirect.header("Location"));
        assertThat(player.getScheme() + "://" + player.getAuthority() + player.getPath())
                .isEqualTo("http://127.0.0.1:8081/player/");
        Map<String, String> query = query(player);
        String token = query.get("token");
        assertThat(query.keySet())
                .as("the address bar holds the short-lived token only")
                .containsExactly("token");
        String setCookie = redirect.header("Set-Cookie");
        assertThat(setCookie)
                .startsWith("ll_uid=")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax")
                .doesNotContainIgnoringCase("Secure");

        String session =
                given().get("/play/" + token).then().statusCode(200).extract().path("viewSession");
        assertThat(token).endsWith("." + session);
        given().get("/play/" + token)
                .then()
                .statusCode(200)
                .body("streamId", is(streamId))
                .body("viewSession", is(session))
                .body("viewerId", is(redirect.cookie("ll_uid")))
                .body("playback", is("LIVE"))
                .body("playUrl", startsWith("http://127.0.0.1:8080/live/" + streamId));
        // The page the default player URL points at is served here, with its script, its words
        // and the pinned hls.js it loads for browsers without native HLS: all from this origin.
        given().get("/player/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("src=\"/player/player.js\""));
        given().get("/player/player.js")
                .then()
                .statusCode(200)
                .body(containsString("'/play/'"))
                .body(containsString("/player/vendor/dist/hls.min.js"));
        given().get("/player/vendor/dist/hls.min.js").then().statusCode(200);
        given().get("/player/texts.json")
                .then()
                .statusCode(200)
                .body("'zh-CN'.refusals.revoked.title", is("链接已失效"))
                .body("en.refusals.revoked.title", is("Link revoked"));
    }

    @Test
    void apiClientsKeepTheJsonAnswer() throws Exception {
        String path = LinkFixtures.h5Path(tenant, LinkFixtures.stream(tenant, "H5"));
        for (String accept :
                List.of(
                        "application/json",
                        "*/*",
                        "application/json, text/plain, */*",
                        "application/json;q=1, text/html;q=0.5")) {
            given().redirects()
                    .follow(false)
                    .header("Accept", accept)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .contentType("application/json")
                    .body("viewSessionId", org.hamcrest.Matchers.notNullValue());
        }
        // No Accept header at all (java.net.http sends none unless told).
        java.net.http.HttpResponse<String> bare =
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + io.restassured.RestAssured.port
                                                                + path))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).isEqualTo(200);
        assertThat(bare.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void aTamperedPlayerTokenIsRefused() {
        String token = query(URI.create(browser().get(h5Path()).header("Location"))).get("token");
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            String altered =
                    token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            Response refused = given().get("/play/" + altered);
            assertThat(refused.statusCode()).as("token altered at %d", i).isEqualTo(403);
            assertThat(refused.<String>path("reason")).isEqualTo("tampered");
        }
        given().get("/play/not-a-token").then().statusCode(403).body("reason", is("tampered"));
        given().get("/play/" + token).then().statusCode(200);
    }

    @Test
    void thePlayerTokenExpiresAfterAMinute() {
        TestClock.CLOCK.freeze();
        String token = query(URI.create(browser().get(h5Path()).header("Location"))).get("token");

        TestClock.CLOCK.advance(Duration.ofSeconds(59));
        given().get("/play/" + token).then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofSeconds(1));
        given().get("/play/" + token)
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("reason", is("expired"));
    }

    @Test
    void aRevokedLinkOrAnEndedBroadcastStopsTheExchange() {
        String streamId = LinkFixtures.stream(tenant, "H5");
        Response issued = LinkFixtures.issue(tenant, streamId, "qq").extract().response();
        String path = LinkFixtures.pathOf(issued.path("url"));
        Map<String, String> first = query(URI.create(browser().get(path).header("Location")));
        Map<String, String> second = query(URI.create(browser().get(path).header("Location")));

        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .post("/links/" + issued.path("linkId") + "/revoke")
                .then()
                .statusCode(200);
        given().get("/play/" + second.get("token"))
                .then()
                .statusCode(410)
                .body("reason", is("revoked"));

        String other = LinkFixtures.stream(tenant, "H5");
        Map<String, String> live =
                query(
                        URI.create(
                                browser()
                                        .get(LinkFixtures.h5Path(tenant, other))
                                        .header("Location")));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .post("/streams/" + other + "/end")
                .then()
                .statusCode(200);
        given().get("/play/" + live.get("token"))
                .then()
                .statusCode(410)
                .body("reason", is("stream-ended"));
    }

    @Test
    void aBrowserGetsRefusalsAsPagesWithTheSameStatus() {
        browser()
                .get("/s/AAAAAAAAAA")
                .then()
                .statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("data-reason=\"unknown-link\""));

        TestClock.CLOCK.freeze();
        String path = h5Path();
        TestClock.CLOCK.advance(Duration.ofDays(180));
        browser()
                .get(path)
                .then()
                .statusCode(410)
                .contentType(containsString("text/html"))
                .body(containsString("data-reason=\"expired\""));
        given().get(path).then().statusCode(410).contentType("application/problem+json");
    }

    @Test
    void aRefusalPageSpeaksTheViewersLanguage() {
        browser()
                .header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")
                .get("/s/AAAAAAAAAA")
                .then()
                .statusCode(404)
                .header("Content-Language", "zh-CN")
                .body(containsString("<html lang=\"zh-CN\">"))
                .body(containsString("链接不存在"))
                .body(containsString("data-reason=\"unknown-link\""));
        browser()
                .header("Accept-Language", "en-GB,en;q=0.9")
                .get("/s/AAAAAAAAAA")
                .then()
                .statusCode(404)
                .header("Content-Language", "en")
                .body(containsString("Unknown link"))
                .body(not(containsString("链接")));
        // Neither Chinese nor English preferred: English.
        browser()
                .header("Accept-Language", "fr-FR")
                .get("/s/AAAAAAAAAA")
                .then()
                .header("Content-Language", "en");
    }

    @Test
    void theCloudUidCookieIsSecureBehindAnHttpsProxy() {
        String setCookie =
                browser()
                        .header("X-Forwarded-Proto", "https")
                        .get(h5Path())
                        .then()
                        .statusCode(303)
                        .extract()
                        .header("Set-Cookie");
        assertThat(setCookie)
                .containsPattern("(?i);\\s*Secure(;|$)")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void theCookieIsSecureWheneverViewersArriveOverHttps() {
        assertThat(ResolveResource.secureCookie("https://live.example.com", null, "http")).isTrue();
        assertThat(ResolveResource.secureCookie("HTTPS://live.example.com", null, "http")).isTrue();
        assertThat(ResolveResource.secureCookie("http://127.0.0.1:8081", "https, http", "http"))
                .isTrue();
        assertThat(ResolveResource.secureCookie("http://127.0.0.1:8081", null, "https")).isTrue();
        assertThat(ResolveResource.secureCookie("http://127.0.0.1:8081", "http", "http")).isFalse();
        assertThat(ResolveResource.secureCookie("http://127.0.0.1:8081", null, "http")).isFalse();
    }

    private String h5Path() {
        return LinkFixtures.h5Path(tenant, LinkFixtures.stream(tenant, "H5"));
    }

    private static RequestSpecification browser() {
        return given().redirects()
                .follow(false)
                .header("Accept", CHROME_ACCEPT)
                .header(
                        "User-Agent",
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(
                    pair.substring(0, equals),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
