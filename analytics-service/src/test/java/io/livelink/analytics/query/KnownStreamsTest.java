package io.livelink.analytics.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.livelink.events.StreamState;
import io.livelink.events.StreamStateChanged;
import io.livelink.events.StreamType;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stream's reports answer from the moment analytics hears of the stream (its {@code
 * StreamStateChanged}), not from its first viewer: a dashboard opened before the doors open shows
 * an empty stream instead of a 404 (issue 17). Other tenants still get 404.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class KnownStreamsTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String streamId = UUID.randomUUID().toString();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TestHTTPResource("/")
    URL base;

    @Test
    void aLiveMiniProgramStreamWithoutViewersAnswersEmptySecondsToItsTenantOnly() {
        seconds(tenant, UUID.randomUUID().toString()).statusCode(404);
        goesLive(streamId, StreamType.MINI_PROGRAM);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> seconds(tenant, streamId).statusCode(200).body("", hasSize(0)));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .queryParam("from", now.minusSeconds(600).toString())
                .queryParam("to", now.plusSeconds(60).toString())
                .get("/streams/" + streamId + "/viewers")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
        seconds("other-" + tenant, streamId).statusCode(404).body("reason", is("not-found"));
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .queryParam("from", now.minusSeconds(600).toString())
                .queryParam("to", now.plusSeconds(60).toString())
                .get("/streams/" + streamId + "/seconds")
                .then()
                .statusCode(200);
    }

    @Test
    void theLiveFeedOfAStreamWithoutViewersOpens() throws Exception {
        goesLive(streamId, StreamType.MINI_PROGRAM);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> seconds(tenant, streamId).statusCode(200));

        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + "streams/" + streamId + "/seconds/live"))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + TestTokens.tenantAdmin(tenant))
                        .build();
        CompletableFuture<HttpResponse<InputStream>> opened =
                HttpClient.newHttpClient()
                        .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response = opened.get(20, TimeUnit.SECONDS);
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        }

        given().auth()
                .oauth2(TestTokens.tenantAdmin("other-" + tenant))
                .get("/streams/" + streamId + "/seconds/live")
                .then()
                .statusCode(404);
    }

    @Test
    void anH5StreamWithoutViewersAnswersEmptyMinutes() {
        goesLive(streamId, StreamType.H5);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                given().auth()
                                        .oauth2(TestTokens.tenantAdmin(tenant))
                                        .queryParam("from", now.minusSeconds(600).toString())
                                        .queryParam("to", now.plusSeconds(60).toString())
                                        .get("/streams/" + streamId + "/minutes")
                                        .then()
                                        .statusCode(200)
                                        .body("", hasSize(0)));
    }

    private void goesLive(String stream, StreamType type) {
        kafka.publish(
                new StreamStateChanged(
                        stream,
                        tenant,
                        type,
                        "新品发布会",
                        StreamState.SCHEDULED,
                        StreamState.LIVE,
                        false,
                        "alice",
                        null,
                        now));
    }

    private ValidatableResponse seconds(String asTenant, String stream) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(asTenant))
                .queryParam("from", now.minusSeconds(600).toString())
                .queryParam("to", now.plusSeconds(60).toString())
                .get("/streams/" + stream + "/seconds")
                .then();
    }
}
