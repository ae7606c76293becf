package io.livelink.link.media;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.livelink.events.BroadcastPermissionGranted;
import io.livelink.events.BroadcastPermissionRevoked;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.TestTokens;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Streams with their stream keys, and view sessions, as the media-server callback tests need. */
final class MediaFixtures {

    private MediaFixtures() {}

    /**
     * A stream an encoder may publish with {@code key}; {@code grantId} is null for admin streams.
     */
    record Publishing(String streamId, String key, String grantId) {}

    /** An H5 stream created by the tenant admin (who may always publish it). */
    static Publishing adminStream(String tenant) {
        String publishUrl =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .contentType(ContentType.JSON)
                        .body(Map.of("type", "H5", "title", "Launch"))
                        .post("/streams")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("publishUrl");
        return parse(publishUrl, null);
    }

    /** Grants {@code member} broadcast permission and has them create an H5 stream. */
    static Publishing grantedMembersStream(EventsOnKafka kafka, String tenant, String member) {
        String grantId = UUID.randomUUID().toString();
        kafka.publish(
                new BroadcastPermissionGranted(
                        grantId,
                        null,
                        tenant,
                        member,
                        "sa",
                        "sa.live",
                        "admin",
                        Instant.now().minusSeconds(5),
                        null));
        String publishUrl =
                await().atMost(Duration.ofSeconds(20))
                        .until(
                                () ->
                                        given().auth()
                                                .oauth2(TestTokens.member(tenant, member))
                                                .contentType(ContentType.JSON)
                                                .body(Map.of("type", "H5", "title", "Member live"))
                                                .post("/streams")
                                                .then()
                                                .extract()
                                                .path("publishUrl"),
                                url -> url != null);
        return parse(publishUrl, grantId);
    }

    static void revoke(EventsOnKafka kafka, String tenant, String member, String grantId) {
        kafka.publish(
                new BroadcastPermissionRevoked(
                        grantId, tenant, member, "admin", "misuse", Instant.now()));
    }

    /** Resolves a fresh H5 link of the stream: the session token a player passes as session=. */
    static String viewSession(String tenant, String streamId) {
        return view(tenant, streamId).token();
    }

    /** A view session: its token, and its id as view events carry it. */
    record View(String token, String id, String linkId) {}

    static View view(String tenant, String streamId) {
        // A public stream created by a member gets links once a tenant admin approved it.
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .post("/streams/" + streamId + "/approve");
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> issued =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .contentType(ContentType.JSON)
                        .body(Map.of("channel", "weibo"))
                        .post("/streams/" + streamId + "/links")
                        .then()
                        .statusCode(201)
                        .extract();
        String url = issued.path("url");
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> answer =
                given().get(url.replaceFirst("^https?://[^/]+", ""))
                        .then()
                        .statusCode(200)
                        .extract();
        return new View(
                answer.path("viewSession"), answer.path("viewSessionId"), issued.path("linkId"));
    }

    private static Publishing parse(String publishUrl, String grantId) {
        URI rtmp = URI.create(publishUrl);
        String streamId = rtmp.getPath().substring(rtmp.getPath().lastIndexOf('/') + 1);
        String key = rtmp.getQuery().substring("key=".length());
        return new Publishing(streamId, key, grantId);
    }
}
