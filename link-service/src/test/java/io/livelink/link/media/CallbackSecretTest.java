package io.livelink.link.media;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With a callback secret configured, every callback format needs it in its URL's query. */
@QuarkusTest
@TestProfile(CallbackSecretProfile.class)
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class CallbackSecretTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @Test
    void callbacksWithoutTheRightSecretAreRefusedEvenFromLoopback() {
        TenantFixtures.qualifiedTenant(
                kafka, tenant, BroadcastPolicy.SELECTED_MEMBERS, StreamType.H5);
        MediaFixtures.Publishing stream = MediaFixtures.adminStream(tenant);
        String session = MediaFixtures.viewSession(tenant, stream.streamId());
        Map<String, String> publish =
                Map.of("app", "live", "name", stream.streamId(), "key", stream.key());

        for (String secret : new String[] {null, "", "wrong", CallbackSecretProfile.SECRET + "x"}) {
            refused(nginx("on_publish", secret, publish));
            refused(
                    nginx(
                            "on_play",
                            secret,
                            Map.of("name", stream.streamId(), "session", session)));
            refused(nginx("on_done", secret, Map.of("call", "done", "name", stream.streamId())));
            refused(srs(secret, "on_publish", stream.streamId(), "?key=" + stream.key()));
            refused(srs(secret, "on_play", stream.streamId(), "?session=" + session));
            refused(mediaMtx(secret, "publish", stream.streamId(), "key=" + stream.key()));
            refused(mediaMtxNotReady(secret, stream.streamId(), "key=" + stream.key()));
        }
        // What the client put in its own URL arrives in the form, and does not count.
        refused(
                nginx(
                        "on_publish",
                        null,
                        Map.of(
                                "name",
                                stream.streamId(),
                                "key",
                                stream.key(),
                                "secret",
                                CallbackSecretProfile.SECRET)));

        String secret = CallbackSecretProfile.SECRET;
        nginx("on_publish", secret, publish).statusCode(204);
        nginx("on_publish", secret, Map.of("name", stream.streamId(), "key", "wrong"))
                .statusCode(403)
                .body("reason", is("bad-stream-key"));
        nginx("on_play", secret, Map.of("name", stream.streamId(), "session", session))
                .statusCode(204);
        srs(secret, "on_publish", stream.streamId(), "?key=" + stream.key())
                .statusCode(200)
                .body(is("0"));
        srs(secret, "on_play", stream.streamId(), "?session=" + session)
                .statusCode(200)
                .body(is("0"));
        mediaMtx(secret, "publish", stream.streamId(), "key=" + stream.key()).statusCode(204);
    }

    private static void refused(ValidatableResponse response) {
        response.statusCode(403)
                .body("reason", is("callback-not-authenticated"))
                .body(not(containsString("stream")))
                .body(not(containsString("key")));
    }

    private static String query(String secret) {
        return secret == null ? "" : "?secret=" + secret;
    }

    private static ValidatableResponse nginx(
            String callback, String secret, Map<String, String> fields) {
        return given().urlEncodingEnabled(true)
                .contentType(ContentType.URLENC)
                .formParams(fields)
                .post("/media/nginx-rtmp/" + callback + query(secret))
                .then();
    }

    private static ValidatableResponse srs(
            String secret, String action, String stream, String param) {
        return given().contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "action",
                                action,
                                "client_id",
                                "3q0o6gsn",
                                "ip",
                                "127.0.0.1",
                                "vhost",
                                "__defaultVhost__",
                                "app",
                                "live",
                                "stream",
                                stream,
                                "param",
                                param))
                .post("/media/srs/hooks" + query(secret))
                .then();
    }

    private static ValidatableResponse mediaMtx(
            String secret, String action, String streamId, String query) {
        return given().contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "user",
                                "",
                                "password",
                                "",
                                "ip",
                                "127.0.0.1",
                                "action",
                                action,
                                "path",
                                "live/" + streamId,
                                "protocol",
                                "rtmp",
                                "id",
                                UUID.randomUUID().toString(),
                                "query",
                                query))
                .post("/media/mediamtx/auth" + query(secret))
                .then();
    }

    private static ValidatableResponse mediaMtxNotReady(
            String secret, String streamId, String query) {
        return given().queryParam("path", "live/" + streamId)
                .queryParam("query", query)
                .post("/media/mediamtx/not-ready" + query(secret))
                .then();
    }
}
