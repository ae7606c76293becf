package io.livelink.permission.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import com.sun.net.httpserver.HttpServer;
import io.livelink.commons.signature.BodySignature;
import io.livelink.permission.Fixtures;
import io.livelink.permission.TestClock;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real HTTP receiver that fails the first attempts, like a flaky office-suite callback. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class WebhookTest {

    private static final String SECRET = "s3cret-for-the-webhook";

    record Received(String deliveryId, String event, String signature, String body) {}

    private final String tenant = Fixtures.newTenantId();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger(2);
    private HttpServer receiver;

    @Inject WebhookDispatcher dispatcher;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext(
                "/hook",
                exchange -> {
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
                    if (status == 204) {
                        received.add(
                                new Received(
                                        exchange.getRequestHeaders()
                                                .getFirst("X-LiveLink-Delivery"),
                                        exchange.getRequestHeaders().getFirst("X-LiveLink-Event"),
                                        exchange.getRequestHeaders().getFirst(BodySignature.HEADER),
                                        body));
                    }
                    exchange.sendResponseHeaders(status, -1);
                    exchange.close();
                });
        receiver.start();
        Fixtures.tenant(tenant);
        Fixtures.member(tenant, "alice");
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        TestClock.CLOCK.reset();
    }

    @Test
    void requestStateChangesArriveSignedAfterRetriesWithBackoff() {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("url", url, "secret", SECRET))
                .put("/tenants/" + tenant + "/webhook")
                .then()
                .statusCode(200)
                .body("url", is(url));

        String requestId =
                given().auth()
                        .oauth2(TestTokens.member(tenant, "alice"))
                        .contentType(ContentType.JSON)
                        .body(Map.of("purpose", "BROADCAST", "reason", "demo"))
                        .post("/permission-requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");

        // Two failures: retried after 1 s, then 2 s; the scheduler sends what is due.
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
        Received delivery = received.get(0);
        assertThat(delivery.event()).isEqualTo("permission-request.requested");
        assertThat(delivery.body()).contains(requestId).contains("\"status\":\"PENDING\"");
        long timestamp = Long.parseLong(delivery.signature().replaceAll("^t=(\\d+),.*", "$1"));
        assertThat(delivery.signature())
                .isEqualTo(BodySignature.sign(SECRET, timestamp, delivery.body()));

        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/tenants/" + tenant + "/webhook/deliveries")
                .then()
                .body("[0].attempts", is(3))
                .body("[0].deliveredAt", org.hamcrest.Matchers.notNullValue());

        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/permission-requests/" + requestId + "/approve")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertThat(received.get(1).event()).isEqualTo("permission-request.approved");
        assertThat(received.stream().map(Received::deliveryId).distinct()).hasSize(2);
    }

    @Test
    void backoffDoublesAndIsCapped() {
        assertThat(dispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(dispatcher.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(dispatcher.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(dispatcher.backoff(40)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void noWebhookYetIsAnAnswerAndRemovingOneForgetsIt() {
        String admin = TestTokens.tenantAdmin(tenant);
        given().auth()
                .oauth2(admin)
                .get("/tenants/" + tenant + "/webhook")
                .then()
                .statusCode(200)
                .body("url", org.hamcrest.Matchers.nullValue());

        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("url", url, "secret", SECRET))
                .put("/tenants/" + tenant + "/webhook")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin)
                .get("/tenants/" + tenant + "/webhook")
                .then()
                .statusCode(200)
                .body("url", is(url))
                .body("updatedAt", org.hamcrest.Matchers.notNullValue())
                .body("secret", org.hamcrest.Matchers.nullValue());

        given().auth()
                .oauth2(admin)
                .delete("/tenants/" + tenant + "/webhook")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(admin)
                .get("/tenants/" + tenant + "/webhook")
                .then()
                .statusCode(200)
                .body("url", org.hamcrest.Matchers.nullValue());

        // Another tenant's admin still learns nothing of this tenant.
        given().auth()
                .oauth2(TestTokens.tenantAdmin(Fixtures.newTenantId()))
                .get("/tenants/" + tenant + "/webhook")
                .then()
                .statusCode(404);
    }

    @Test
    void webhookUrlAndSecretAreChecked() {
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("url", "ftp://x", "secret", "short"))
                .put("/tenants/" + tenant + "/webhook")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("url", "secret"));
    }
}
