package io.livelink.link.media;

import static io.livelink.link.media.MediaCallbacksTest.mediaMtx;
import static io.livelink.link.media.MediaCallbacksTest.nginx;
import static io.livelink.link.media.MediaCallbacksTest.srs;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamState;
import io.livelink.events.StreamStateChanged;
import io.livelink.events.StreamType;
import io.livelink.link.TenantFixtures;
import io.livelink.link.TestClock;
import io.livelink.link.stream.EncoderDrivenState;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The media server's callbacks drive the stream: a publish let in makes it LIVE (announced once),
 * and an encoder that stays away longer than the grace (60 s by default) ends it.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class EncoderDrivenStateTest {

    private static final Duration GRACE = Duration.ofSeconds(60);

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject EncoderDrivenState states;

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
    void aPublishMakesTheStreamLiveOnceWhateverTheServerAndHowOftenItAsks() {
        MediaFixtures.Publishing stream = MediaFixtures.adminStream(tenant);
        srs("on_publish", stream.streamId(), "?key=wrong").statusCode(403);
        assertThat(state(stream)).isEqualTo("SCHEDULED");

        nginx(
                        "on_publish",
                        Map.of("call", "publish", "name", stream.streamId(), "key", stream.key()))
                .statusCode(204);
        assertThat(state(stream)).isEqualTo("LIVE");
        srs("on_publish", stream.streamId(), "?key=" + stream.key()).statusCode(200).body(is("0"));
        mediaMtx("publish", "live/" + stream.streamId(), "key=" + stream.key(), null)
                .statusCode(204);
        nginx(
                        "on_publish",
                        Map.of("call", "publish", "name", stream.streamId(), "key", stream.key()))
                .statusCode(204);
        assertThat(state(stream)).isEqualTo("LIVE");

        endByHand(stream);
        assertTransitions(stream, StreamState.SCHEDULED, StreamState.LIVE, StreamState.ENDED);
    }

    @Test
    void concurrentPublishCallbacksAnnounceLiveOnce() throws Exception {
        MediaFixtures.Publishing stream = MediaFixtures.adminStream(tenant);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(
                        callers.submit(
                                () ->
                                        srs("on_publish", stream.streamId(), "?key=" + stream.key())
                                                .extract()
                                                .statusCode()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }
        endByHand(stream);
        assertTransitions(stream, StreamState.SCHEDULED, StreamState.LIVE, StreamState.ENDED);
    }

    @Test
    void anEncoderThatStaysAwayLongerThanTheGraceEndsTheStream() {
        TestClock.CLOCK.freeze();
        MediaFixtures.Publishing stream = MediaFixtures.adminStream(tenant);
        srs("on_publish", stream.streamId(), "?key=" + stream.key()).statusCode(200);
        srs("on_unpublish", stream.streamId(), "?key=" + stream.key()).statusCode(200);

        TestClock.CLOCK.advance(GRACE.minusSeconds(1));
        states.endAbandonedStreams();
        assertThat(state(stream)).isEqualTo("LIVE");

        TestClock.CLOCK.advance(Duration.ofSeconds(1));
        states.endAbandonedStreams();
        assertThat(state(stream)).isEqualTo("ENDED");
        assertTransitions(stream, StreamState.SCHEDULED, StreamState.LIVE, StreamState.ENDED);
        srs("on_publish", stream.streamId(), "?key=" + stream.key())
                .statusCode(403)
                .body("reason", is("stream-ended"));
    }

    @Test
    void aReconnectWithinTheGraceKeepsTheStreamLive() {
        TestClock.CLOCK.freeze();
        MediaFixtures.Publishing stream = MediaFixtures.adminStream(tenant);
        nginx(
                        "on_publish",
                        Map.of("call", "publish", "name", stream.streamId(), "key", stream.key()))
                .statusCode(204);
        nginx("on_done", Map.of("call", "done", "name", stream.streamId(), "key", stream.key()))
                .statusCode(204);

        TestClock.CLOCK.advance(GRACE.minusSeconds(10));
        nginx(
                        "on_publish",
                        Map.of("call", "publish", "name", stream.streamId(), "key", stream.key()))
                .statusCode(204);
        TestClock.CLOCK.advance(GRACE.multipliedBy(2));
        states.endAbandonedStreams();
        assertThat(state(stream)).isEqualTo("LIVE");

        // MediaMTX's runOnNotReady hook, with the publisher's query as MediaMTX encodes it.
        given().queryParam("path", "live/" + stream.streamId())
                .queryParam("query", "key=" + stream.key())
                .post("/media/mediamtx/not-ready")
                .then()
                .statusCode(204);
        TestClock.CLOCK.advance(GRACE);
        states.endAbandonedStreams();
        assertThat(state(stream)).isEqualTo("ENDED");
        assertTransitions(stream, StreamState.SCHEDULED, StreamState.LIVE, StreamState.ENDED);
    }

    @Test
    void onlyTheEncodersOwnStopStartsTheEnd() {
        TestClock.CLOCK.freeze();
        MediaFixtures.Publishing stream = MediaFixtures.adminStream(tenant);
        String session = MediaFixtures.viewSession(tenant, stream.streamId());
        srs("on_publish", stream.streamId(), "?key=" + stream.key()).statusCode(200);

        // A player's stop, a wrong key, no key: notifications that change nothing.
        nginx("on_done", Map.of("call", "done", "name", stream.streamId(), "session", session))
                .statusCode(204);
        srs("on_unpublish", stream.streamId(), "?key=" + stream.key() + "x").statusCode(200);
        srs("on_unpublish", stream.streamId(), "").statusCode(200);
        given().queryParam("path", "live/" + stream.streamId())
                .post("/media/mediamtx/not-ready")
                .then()
                .statusCode(204);
        TestClock.CLOCK.advance(GRACE.multipliedBy(2));
        states.endAbandonedStreams();
        assertThat(state(stream)).isEqualTo("LIVE");
    }

    @Test
    void aStopBeforeAnyPublishChangesNothing() {
        TestClock.CLOCK.freeze();
        MediaFixtures.Publishing stream = MediaFixtures.adminStream(tenant);
        srs("on_unpublish", stream.streamId(), "?key=" + stream.key()).statusCode(200);
        TestClock.CLOCK.advance(GRACE.multipliedBy(2));
        states.endAbandonedStreams();
        assertThat(state(stream)).isEqualTo("SCHEDULED");
    }

    /** Puts a later event behind any duplicate LIVE on the stream's partition. */
    private void endByHand(MediaFixtures.Publishing stream) {
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .post("/streams/" + stream.streamId() + "/end")
                .then()
                .statusCode(200);
    }

    private String state(MediaFixtures.Publishing stream) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/streams/" + stream.streamId())
                .then()
                .statusCode(200)
                .extract()
                .path("state");
    }

    /** Exactly these states were announced for the stream, in this order (creation first). */
    private void assertTransitions(MediaFixtures.Publishing stream, StreamState... expected) {
        List<StreamStateChanged> announced =
                kafka.awaitEvents(
                        StreamStateChanged.class,
                        e -> e.streamId().equals(stream.streamId()),
                        expected.length,
                        Duration.ofSeconds(20));
        assertThat(announced).extracting(StreamStateChanged::state).containsExactly(expected);
        assertThatThrownBy(
                        () ->
                                kafka.awaitEvents(
                                        StreamStateChanged.class,
                                        e -> e.streamId().equals(stream.streamId()),
                                        expected.length + 1,
                                        Duration.ofSeconds(2)))
                .as("more than " + Arrays.toString(expected))
                .hasMessageContaining("found " + expected.length);
    }
}
