package io.livelink.console.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(UpstreamServer.class)
class ApiForwardingTest {

    @TestHTTPResource("/")
    URI console;

    @Test
    void aCallUnderApiLinkReachesTheServiceWithItsPathQueryTokenAndBody() {
        given().urlEncodingEnabled(false)
                .header("Authorization", "Bearer the-callers-token")
                .contentType("application/json")
                .body("{\"title\":\"直播\"}")
                .post("/api/link/streams/s-1/links?size=5&from=2026-01-01T00%3A00%3A00Z")
                .then()
                .statusCode(200)
                .body("method", equalTo("POST"))
                .body("path", equalTo("/streams/s-1/links"))
                .body("query", equalTo("size=5&from=2026-01-01T00%3A00%3A00Z"))
                .body("authorization", equalTo("Bearer the-callers-token"))
                .body("body", equalTo("{\"title\":\"直播\"}"));
    }

    @Test
    void aServiceBehindABasePathGetsItPrefixed() {
        given().get("/api/permission/tenants/t-1")
                .then()
                .statusCode(200)
                .body("path", equalTo("/behind/a/path/tenants/t-1"));
    }

    @Test
    void theServiceSeesItsOwnHostAsAReverseProxyWouldSendIt() {
        String host = given().get("/api/analytics/x").then().extract().path("host");
        assertThat(host).isEqualTo("127.0.0.1:" + UpstreamServer.port);
    }

    @Test
    void pathsOutsideTheThreeApisAreNotForwarded() {
        given().get("/api/other/streams").then().statusCode(404);
    }

    @Test
    void serverSentEventsReachTheBrowserAsTheyAreWritten() throws Exception {
        UpstreamServer.firstEventRead = new CompletableFuture<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request =
                HttpRequest.newBuilder(console.resolve("/api/analytics/streams/s-1/events"))
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(10))
                        .build();
        HttpResponse<java.io.InputStream> response =
                http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<String> data = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // The upstream holds its second event back until the first was read here: only a
            // forwarder that streams lets this loop go on.
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> nextData(lines));
            data.add(first.get(5, java.util.concurrent.TimeUnit.SECONDS));
            UpstreamServer.firstEventRead.complete(null);
            data.add(nextData(lines));
        }
        assertThat(data).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void aQuietEventStreamIsConnectedAtOnce() throws Exception {
        UpstreamServer.headSeen = new CompletableFuture<>();
        HttpRequest request =
                HttpRequest.newBuilder(console.resolve("/api/analytics/streams/s-1/quiet-events"))
                        .header("Accept", "text/event-stream")
                        .build();

        // The head arrives before any event: the upstream writes one only after this.
        HttpResponse<java.io.InputStream> response =
                HttpClient.newHttpClient()
                        .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                        .get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        UpstreamServer.headSeen.complete(null);
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(nextData(lines)).isEqualTo("{\"n\":1}");
        }
    }

    private static String nextData(BufferedReader lines) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data: ")) {
                    return line.substring("data: ".length());
                }
            }
            throw new AssertionError("the event stream ended early");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
