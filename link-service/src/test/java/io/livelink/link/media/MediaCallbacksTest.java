package io.livelink.link.media;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The callback formats of SRS, nginx-rtmp and MediaMTX, each allowing and denying. Without a
 * callback secret configured (as here), callers from the loopback addresses are accepted.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class MediaCallbacksTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @BeforeEach
    void aQualifiedTenant() {
        TenantFixtures.qualifiedTenant(
                kafka, tenant, BroadcastPolicy.SELECTED_MEMBERS, StreamType.H5);
    }

    @Test
    void srsAndMediaMtxLetAGrantedMemberPublishUntilTheGrantIsRevoked() {
        String member = "m-" + UUID.randomUUID();
        MediaFixtures.Publishing stream = MediaFixtures.grantedMembersStream(kafka, tenant, member);

        srs("on_publish", stream.streamId(), "?key=" + stream.key()).statusCode(200).body(is("0"));
        srs("on_publish", stream.streamId(), "?key=" + stream.key() + "x")
                .statusCode(403)
                .body("reason", is("bad-stream-key"));
        srs("on_publish", stream.streamId(), "").statusCode(403);
        srs("on_publish", "no-such-stream", "?key=" + stream.key()).statusCode(403);
        srs("on_unpublish", stream.streamId(), "?key=" + stream.key())
                .statusCode(200)
                .body(is("0"));

        mediaMtx("publish", "live/" + stream.streamId(), "key=" + stream.key(), null)
                .statusCode(204);
        mediaMtx("publish", "live/" + stream.streamId(), "", stream.key()).statusCode(204);
        mediaMtx("publish", "live/" + stream.streamId(), "key=wrong", null)
                .statusCode(403)
                .body("reason", is("bad-stream-key"));
        mediaMtx("publish", "other/" + stream.streamId(), "key=" + stream.key(), null)
                .statusCode(403);

        MediaFixtures.revoke(kafka, tenant, member, stream.grantId());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                srs("on_publish", stream.streamId(), "?key=" + stream.key())
                                        .statusCode(403)
                                        .body("reason", is("no-broadcast-permission")));
        mediaMtx("publish", "live/" + stream.streamId(), "key=" + stream.key(), null)
                .statusCode(403)
                .body("reason", is("no-broadcast-permission"));
    }

    @Test
    void srsPlaysOnlyWithAnOpenViewSessionOfTheStreamAndOnStopClosesIt() {
        String streamId = MediaFixtures.adminStream(tenant).streamId();
        String otherStream = MediaFixtures.adminStream(tenant).streamId();
        MediaFixtures.View view = MediaFixtures.view(tenant, streamId);
        String session = view.token();

        srs("on_play", streamId, "?session=" + session).statusCode(200).body(is("0"));
        srs("on_play", streamId, "").statusCode(403).body("reason", is("bad-view-session"));
        srs("on_play", streamId, "?session=" + UUID.randomUUID())
                .statusCode(403)
                .body("reason", is("tampered"));
        srs("on_play", otherStream, "?session=" + session)
                .statusCode(403)
                .body("reason", is("bad-view-session"));
        srs("on_stop", otherStream, "?session=" + session).statusCode(200).body(is("0"));
        srs("on_play", streamId, "?session=" + session).statusCode(200);

        srs("on_stop", streamId, "?session=" + session).statusCode(200).body(is("0"));
        srs("on_stop", streamId, "?session=" + session).statusCode(200).body(is("0"));
        kafka.awaitEvent(
                ViewEvent.class,
                e -> e.sessionId().equals(view.id()) && e.kind() == ViewKind.LEAVE,
                Duration.ofSeconds(20));
        end(streamId);
        srs("on_play", streamId, "?session=" + session)
                .statusCode(403)
                .body("reason", is("stream-ended"));

        srs("on_connect", streamId, "").statusCode(200).body(is("0"));
        srs("no_such_action", streamId, "").statusCode(400);
    }

    @Test
    void nginxRtmpPlaysOnlyWithAnOpenViewSessionAndOnDoneClosesIt() {
        String streamId = MediaFixtures.adminStream(tenant).streamId();
        MediaFixtures.View view = MediaFixtures.view(tenant, streamId);
        String session = view.token();

        nginx("on_play", Map.of("call", "play", "name", streamId, "session", session))
                .statusCode(204);
        nginx("on_play", Map.of("call", "play", "name", streamId))
                .statusCode(403)
                .body("reason", is("bad-view-session"));
        nginx("on_done", Map.of("call", "publish", "name", streamId, "session", session))
                .statusCode(204);
        nginx("on_play", Map.of("call", "play", "name", streamId, "session", session))
                .statusCode(204);

        nginx("on_done", Map.of("call", "done", "name", streamId, "key", "k")).statusCode(204);
        nginx("on_play", Map.of("call", "play", "name", streamId, "session", session))
                .statusCode(204);
        nginx("on_done", Map.of("call", "done", "name", streamId, "session", session))
                .statusCode(204);
        kafka.awaitEvent(
                ViewEvent.class,
                e -> e.sessionId().equals(view.id()) && e.kind() == ViewKind.LEAVE,
                Duration.ofSeconds(20));
        end(streamId);
        nginx("on_play", Map.of("call", "play", "name", streamId, "session", session))
                .statusCode(403)
                .body("reason", is("stream-ended"));
    }

    @Test
    void mediaMtxReadsOnlyWithAnOpenViewSessionAndRefusesItsAdministration() {
        String streamId = MediaFixtures.adminStream(tenant).streamId();
        String session = MediaFixtures.viewSession(tenant, streamId);

        mediaMtx("read", "live/" + streamId, "session=" + session, null).statusCode(204);
        mediaMtx("playback", "live/" + streamId, "session=" + session, null).statusCode(204);
        mediaMtx("read", "live/" + streamId, "", null)
                .statusCode(403)
                .body("reason", is("bad-view-session"));
        mediaMtx("read", "live/" + streamId + "x", "session=" + session, null).statusCode(403);
        mediaMtx("api", "", "", null).statusCode(403).body("reason", is("action-not-allowed"));
        mediaMtx("metrics", "", "", null).statusCode(403);

        end(streamId);
        mediaMtx("read", "live/" + streamId, "session=" + session, null)
                .statusCode(403)
                .body("reason", is("stream-ended"));
    }

    private void end(String streamId) {
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .post("/streams/" + streamId + "/end")
                .then()
                .statusCode(200);
    }

    static ValidatableResponse srs(String action, String stream, String param) {
        Map<String, Object> body = new HashMap<>();
        body.put("server_id", "vid-0xk989d");
        body.put("service_id", "cf5kvht7");
        body.put("action", action);
        body.put("client_id", "3q0o6gsn");
        body.put("ip", "127.0.0.1");
        body.put("vhost", "__defaultVhost__");
        body.put("app", "live");
        body.put("tcUrl", "rtmp://127.0.0.1:1935/live");
        body.put("stream", stream);
        body.put("param", param);
        body.put("stream_url", "/live/" + stream);
        body.put("stream_id", "vid-124q9y3");
        if (action.equals("on_play")) {
            body.put("pageUrl", "");
        }
        return given().contentType(ContentType.JSON).body(body).post("/media/srs/hooks").then();
    }

    static ValidatableResponse nginx(String callback, Map<String, String> fields) {
        return given().contentType(ContentType.URLENC)
                .formParams(fields)
                .formParam("app", "live")
                .formParam("addr", "127.0.0.1")
                .post("/media/nginx-rtmp/" + callback)
                .then();
    }

    static ValidatableResponse mediaMtx(String action, String path, String query, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("user", "");
        body.put("password", password == null ? "" : password);
        body.put("token", "");
        body.put("ip", "127.0.0.1");
        body.put("action", action);
        body.put("path", path);
        body.put("protocol", "rtmp");
        body.put("id", UUID.randomUUID().toString());
        body.put("query", query);
        return given().contentType(ContentType.JSON).body(body).post("/media/mediamtx/auth").then();
    }
}
