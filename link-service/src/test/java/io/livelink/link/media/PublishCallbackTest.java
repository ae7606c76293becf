package io.livelink.link.media;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class PublishCallbackTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String member = "m-" + UUID.randomUUID();

    @BeforeEach
    void aQualifiedTenant() {
        TenantFixtures.qualifiedTenant(
                kafka, tenant, BroadcastPolicy.SELECTED_MEMBERS, StreamType.H5);
    }

    @Test
    void aGrantedMembersEncoderMayPublishUntilTheGrantIsRevoked() {
        MediaFixtures.Publishing stream = MediaFixtures.grantedMembersStream(kafka, tenant, member);

        onPublish(stream.streamId(), stream.key()).statusCode(204);
        onPublish(stream.streamId(), stream.key() + "x")
                .statusCode(403)
                .body("reason", is("bad-stream-key"));
        onPublish("no-such-stream", stream.key())
                .statusCode(403)
                .body("reason", is("bad-stream-key"));

        given().auth()
                .oauth2(TestTokens.member(tenant, "someone-else"))
                .get("/streams/" + stream.streamId())
                .then()
                .statusCode(200)
                .body("publishUrl", nullValue());

        MediaFixtures.revoke(kafka, tenant, member, stream.grantId());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                onPublish(stream.streamId(), stream.key())
                                        .statusCode(403)
                                        .body("reason", is("no-broadcast-permission")));
    }

    private static io.restassured.response.ValidatableResponse onPublish(
            String streamId, String key) {
        return given().contentType(ContentType.URLENC)
                .formParam("app", "live")
                .formParam("name", streamId)
                .formParam("key", key)
                .formParam("call", "publish")
                .formParam("addr", "127.0.0.1")
                .post("/media/nginx-rtmp/on_publish")
                .then();
    }
}
