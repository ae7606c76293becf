package io.livelink.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.livelink.testsupport.RealInfrastructure;
import io.livelink.testsupport.TestTokens;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three packaged services, each its own process, against one real Kafka broker and one real
 * PostgreSQL: the flow of the README's walk-through, end to end.
 */
class WalkingSkeletonIT {

    private static RunningServices services;
    private static String link;
    private static String permission;
    private static String analytics;

    @BeforeAll
    static void startThePlatform() throws IOException {
        Map<LiveLinkService, Integer> ports = new EnumMap<>(LiveLinkService.class);
        for (LiveLinkService service : LiveLinkService.values()) {
            ports.put(service, freePort());
        }
        Path checkout = Path.of("").toAbsolutePath().getParent();
        services =
                RunningServices.start(
                        checkout,
                        ports,
                        RealInfrastructure.shared(),
                        TestTokens.issuer().publicKeyPem(),
                        io.livelink.testsupport.LocalLinkKeys.random(),
                        Files.createDirectories(Path.of("target/it-logs")),
                        System.out::println);
        link = services.baseUrl(LiveLinkService.LINK);
        permission = services.baseUrl(LiveLinkService.PERMISSION);
        analytics = services.baseUrl(LiveLinkService.ANALYTICS);
    }

    @AfterAll
    static void stopThePlatform() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void viewsReachAnalyticsAndApprovedMembersMayBroadcastAndPublishUntilRevoked() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 12);
        String admin = TestTokens.tenantAdmin(tenant);
        String platformAdmin = TestTokens.platformAdmin();

        // 0. A platform admin onboards the tenant and verifies it for H5; alice joins the
        // directory.
        given().auth()
                .oauth2(platformAdmin)
                .contentType(ContentType.JSON)
                .body(Map.of("id", tenant, "name", "Acme"))
                .post(permission + "/tenants")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("evidence", "business licence 91310000MA1FL0000X"))
                .post(permission + "/tenants/" + tenant + "/qualifications/H5")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(platformAdmin)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post(permission + "/tenants/" + tenant + "/qualifications/H5/verify")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "id",
                                "alice",
                                "account",
                                "alice@acme.example",
                                "displayName",
                                "Alice"))
                .post(permission + "/tenants/" + tenant + "/members")
                .then()
                .statusCode(201);

        // 1. A tenant admin creates a stream (once the tenant's events reached link-service) and
        // issues an H5 link.
        String streamId =
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        given().auth()
                                                .oauth2(admin)
                                                .contentType(ContentType.JSON)
                                                .body(
                                                        Map.of(
                                                                "type",
                                                                "H5",
                                                                "title",
                                                                "Spring launch"))
                                                .post(link + "/streams")
                                                .then()
                                                .extract()
                                                .path("id"),
                                id -> id != null);
        String url =
                given().auth()
                        .oauth2(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("channel", "weibo", "utmCampaign", "spring"))
                        .post(link + "/streams/" + streamId + "/links")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("url");
        assertThat(url).startsWith(link + "/s/");

        // 2. An anonymous viewer opens it.
        given().get(url).then().statusCode(200).body("streamId", is(streamId));

        // 3. analytics-service counted the view from the JOIN event.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                given().auth()
                                        .oauth2(admin)
                                        .get(analytics + "/streams/" + streamId + "/views")
                                        .then()
                                        .statusCode(200)
                                        .body("views", is(1)));

        // 4. Alice is refused, asks, is approved, and may then create a stream and publish it.
        String alice = TestTokens.member(tenant, "alice");
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "H5", "title", "Alice live"))
                .post(link + "/streams")
                .then()
                .statusCode(403)
                .body("reason", is("no-broadcast-permission"));
        String requestId =
                given().auth()
                        .oauth2(alice)
                        .contentType(ContentType.JSON)
                        .body(Map.of("purpose", "BROADCAST", "reason", "Weekly product demo"))
                        .post(permission + "/permission-requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        String grantId =
                given().auth()
                        .oauth2(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("comment", "go ahead"))
                        .post(permission + "/permission-requests/" + requestId + "/approve")
                        .then()
                        .statusCode(200)
                        .body("request.status", is("APPROVED"))
                        .extract()
                        .path("grant.id");
        String publishUrl =
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        given().auth()
                                                .oauth2(alice)
                                                .contentType(ContentType.JSON)
                                                .body(Map.of("type", "H5", "title", "Alice live"))
                                                .post(link + "/streams")
                                                .then()
                                                .extract()
                                                .path("publishUrl"),
                                published -> published != null);
        java.net.URI rtmp = java.net.URI.create(publishUrl);
        String aliceStream = rtmp.getPath().substring(rtmp.getPath().lastIndexOf('/') + 1);
        String key = rtmp.getQuery().substring("key=".length());
        onPublish(aliceStream, key).statusCode(204);

        // 5. After revocation both the new stream and the encoder are refused.
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "misuse"))
                .post(permission + "/grants/" + grantId + "/revoke")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                onPublish(aliceStream, key)
                                        .statusCode(403)
                                        .body("reason", is("no-broadcast-permission")));
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "H5", "title", "Alice again"))
                .post(link + "/streams")
                .then()
                .statusCode(403)
                .body("reason", is("no-broadcast-permission"));
    }

    private static io.restassured.response.ValidatableResponse onPublish(
            String streamId, String key) {
        return given().contentType(ContentType.URLENC)
                .formParam("app", "live")
                .formParam("name", streamId)
                .formParam("key", key)
                .formParam("call", "publish")
                .post(link + "/media/nginx-rtmp/on_publish")
                .then();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
