package io.livelink.link.view;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewerIdKind;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class MiniProgramLinksTest {

    private static final String INSIDE_WECHAT =
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
                    + " MicroMessenger/8.0.47 NetType/WIFI Language/zh_CN miniProgram/wx0000000000000000";
    private static final String PLAIN_BROWSER =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0";

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @BeforeEach
    void aQualifiedTenant() {
        TenantFixtures.qualifiedTenant(
                kafka,
                tenant,
                BroadcastPolicy.SELECTED_MEMBERS,
                StreamType.H5,
                StreamType.MINI_PROGRAM);
    }

    @Test
    void aMiniProgramLinkIsAWeChatUrlSchemeAndResolvesOnlyInsideWeChatByOpenId() {
        ExtractableResponse<Response> issued = issue();
        String scheme = issued.path("url");
        String pagePath = issued.path("pagePath");
        assertThat(scheme)
                .startsWith(
                        "weixin://dl/business/?appid=wx0000000000000000&path=pages/live/index&query=");
        assertThat(issued.<String>path("expiresAt")).isNull();
        String query =
                URLDecoder.decode(
                        scheme.substring(scheme.indexOf("&query=") + 7), StandardCharsets.UTF_8);
        assertThat(pagePath).isEqualTo("pages/live/index?" + query);
        String code = query.replaceAll("^code=([0-9A-Za-z]{10})&ch=moments$", "$1");

        String sessionId =
                given().header("User-Agent", INSIDE_WECHAT)
                        .header("X-WeChat-OpenId", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
                        .get("/mp/" + code)
                        .then()
                        .statusCode(200)
                        .body("viewerId", is("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"))
                        .extract()
                        .path("viewSessionId");
        ViewEvent join =
                kafka.awaitEvent(
                        ViewEvent.class,
                        e -> e.sessionId().equals(sessionId),
                        Duration.ofSeconds(20));
        assertThat(join.viewerIdKind()).isEqualTo(ViewerIdKind.OPENID);

        given().header("User-Agent", PLAIN_BROWSER)
                .header("X-WeChat-OpenId", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
                .get("/mp/" + code)
                .then()
                .statusCode(403)
                .body("reason", is("outside-wechat"));
        given().header("User-Agent", INSIDE_WECHAT)
                .get("/mp/" + code)
                .then()
                .statusCode(400)
                .body("errors[0].field", is("X-WeChat-OpenId"));
        given().get("/s/" + code).then().statusCode(404).body("reason", is("unknown-link"));
    }

    private ExtractableResponse<Response> issue() {
        String admin = TestTokens.tenantAdmin(tenant);
        String streamId =
                given().auth()
                        .oauth2(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("type", "MINI_PROGRAM", "title", "Flash sale"))
                        .post("/streams")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        return given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "moments"))
                .post("/streams/" + streamId + "/links")
                .then()
                .statusCode(201)
                .extract();
    }
}
