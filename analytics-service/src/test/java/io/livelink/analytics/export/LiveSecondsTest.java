package io.livelink.analytics.export;

import static io.livelink.analytics.TestClock.CLOCK;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.livelink.analytics.FrozenClockTest;
import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The SSE feed pushes a MINI_PROGRAM second once the closing job has committed it. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class LiveSecondsTest extends FrozenClockTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String streamId = UUID.randomUUID().toString();

    @TestHTTPResource("/")
    URL base;

    @Test
    void aClosedSecondIsPushedToTheStreamsDashboardsOnly() throws Exception {
        kafka.publish(view(streamId, tenant, StreamType.MINI_PROGRAM, s0.plusMillis(100)));
        String h5 = UUID.randomUUID().toString();
        kafka.publish(view(h5, tenant, StreamType.H5, s0.plusMillis(100)));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> {
                            views(streamId).then().statusCode(200).body("views", is(1));
                            views(h5).then().statusCode(200).body("views", is(1));
                        });

        // Another tenant does not see the stream; an H5 stream has no per-second feed.
        given().auth()
                .oauth2(TestTokens.tenantAdmin("other-" + tenant))
                .get("/streams/" + streamId + "/seconds/live")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/streams/" + h5 + "/seconds/live")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("streamId"));

        List<String> events = new CopyOnWriteArrayList<>();
        AtomicReference<InputStream> body = new AtomicReference<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + "streams/" + streamId + "/seconds/live"))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + TestTokens.tenantAdmin(tenant))
                        .build();
        Thread reader =
                new Thread(
                        () -> {
                            try {
                                HttpResponse<InputStream> response =
                                        client.send(
                                                request, HttpResponse.BodyHandlers.ofInputStream());
                                body.set(response.body());
                                assertThat(response.statusCode()).isEqualTo(200);
                                BufferedReader lines =
                                        new BufferedReader(
                                                new InputStreamReader(
                                                        response.body(), StandardCharsets.UTF_8));
                                String line;
                                while ((line = lines.readLine()) != null) {
                                    if (line.startsWith("data:")) {
                                        events.add(line.substring(5).trim());
                                    }
                                }
                            } catch (Exception e) {
                                // the test closes the connection at its end
                            }
                        });
        reader.setDaemon(true);
        reader.start();
        try {
            // The viewer stays for the session timeout (60 s), so each second the clock closes is
            // published; keep closing seconds until the feed (subscribed to the topic from the
            // latest offset) has delivered one.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(
                            () -> {
                                if (CLOCK.instant().isBefore(s0.plusSeconds(40))) {
                                    CLOCK.advance(Duration.ofSeconds(1));
                                }
                                return !events.isEmpty();
                            });
            JsonPath pushed = JsonPath.from(events.get(0));
            Instant second = Instant.parse(pushed.getString("second"));
            assertThat(pushed.getString("streamId")).isEqualTo(streamId);
            assertThat(pushed.getString("tenantId")).isEqualTo(tenant);
            assertThat(pushed.getLong("concurrentViewers")).isEqualTo(1);
            assertThat(pushed.getLong("joins")).isEqualTo(second.equals(s0) ? 1 : 0);
            assertThat(pushed.getLong("newUniqueViewers")).isEqualTo(second.equals(s0) ? 1 : 0);
            assertThat(pushed.getLong("leaves")).isZero();
            assertThat(pushed.getInt("revision")).isEqualTo(1);
            // What was pushed is what was committed.
            given().auth()
                    .oauth2(TestTokens.tenantAdmin(tenant))
                    .queryParam("from", second.toString())
                    .queryParam("to", second.plusSeconds(1).toString())
                    .get("/streams/" + streamId + "/seconds")
                    .then()
                    .statusCode(200)
                    .body("concurrentViewers", is(List.of(1)))
                    .body("joins", is(List.of((int) pushed.getLong("joins"))));
            assertThat(events)
                    .allSatisfy(
                            e ->
                                    assertThat(JsonPath.from(e).getString("streamId"))
                                            .isEqualTo(streamId));
        } finally {
            InputStream stream = body.get();
            if (stream != null) {
                stream.close();
            }
            reader.interrupt();
        }
    }

    private io.restassured.response.Response views(String stream) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/streams/" + stream + "/views");
    }

    private static ViewEvent view(String stream, String tenant, StreamType type, Instant at) {
        return new ViewEvent(
                stream,
                tenant,
                type,
                "link-1",
                "viewer-1",
                type == StreamType.H5 ? ViewerIdKind.CLOUD_UID : ViewerIdKind.OPENID,
                "session-1",
                ViewKind.JOIN,
                Playback.LIVE,
                Device.MOBILE,
                "wechat",
                null,
                null,
                null,
                at);
    }
}
