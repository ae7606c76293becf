package io.livelink.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.livelink.commons.signature.BodySignature;
import io.livelink.testsupport.LocalLinkKeys;
import io.livelink.testsupport.RealInfrastructure;
import io.livelink.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's upload guarantee across a crash: a class report is queued while the management platform
 * refuses every attempt, analytics-service is killed with SIGKILL in the middle of retrying and
 * started again, and once the platform accepts, the report arrives exactly once: one idempotency
 * key on every attempt, the same signed body, one acknowledged delivery, and the class shows it as
 * reported without an error.
 */
class TrainingReportRestartIT {

    private static final String SECRET = "management-platform-secret-0123456789";
    private static final String CLIENT_ID = "company-91110105";

    private final List<ServiceProcess> started = new ArrayList<>();
    private Platform platform;

    @AfterEach
    void stop() {
        started.forEach(ServiceProcess::close);
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aReportRetriedAcrossAKillArrivesOnceWithAValidSignature() throws Exception {
        String tenant = "training-restart-" + UUID.randomUUID();
        String admin = TestTokens.tenantAdmin(tenant);
        platform = new Platform();

        // Both instances get this one environment: with another personal-data key the queued
        // report, stored encrypted, would not decrypt after the restart.
        Map<String, String> environment =
                new HashMap<>(
                        RunningServices.environmentFor(
                                RealInfrastructure.shared(),
                                TestTokens.issuer().publicKeyPem(),
                                LocalLinkKeys.random(),
                                RunningServices.freePort()));
        // Retries due at once, so each poll of the sender (every second, the default) tries again.
        environment.put("LIVELINK_TRAINING_UPLOAD_FIRST_RETRY", "PT0.2S");
        environment.put("LIVELINK_TRAINING_UPLOAD_MAX_RETRY", "PT0.5S");
        environment.put("LIVELINK_TRAINING_UPLOAD_TIMEOUT", "PT5S");
        // Never given up while the test refuses it.
        environment.put("LIVELINK_TRAINING_UPLOAD_MAX_ATTEMPTS", "10000");
        int port = RunningServices.freePort();

        ServiceProcess first = startAnalytics("analytics-training-1", port, environment);
        String url = first.baseUrl();

        String classId =
                asAdmin(admin)
                        .body(
                                Map.of(
                                        "name",
                                        "电工上岗培训班",
                                        "classType",
                                        "职业技能提升",
                                        "trainingMode",
                                        "LIVE"))
                        .post(url + "/training/classes")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        String idNumber = idNumber("110105", "19900307", "012");
        String studentId =
                asAdmin(admin)
                        .body(
                                Map.of(
                                        "name",
                                        "王芳",
                                        "gender",
                                        "女",
                                        "idNumber",
                                        idNumber,
                                        "phone",
                                        "13812345678",
                                        "education",
                                        "本科"))
                        .post(url + "/training/classes/" + classId + "/students")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        asAdmin(admin)
                .body(Map.of("studentIds", List.of(studentId)))
                .post(url + "/training/classes/" + classId + "/students/activate")
                .then()
                .statusCode(200);
        asAdmin(admin)
                .body(Map.of("endpoint", platform.url(), "clientId", CLIENT_ID, "secret", SECRET))
                .put(url + "/training/platform")
                .then()
                .statusCode(200);

        String uploadId =
                given().auth()
                        .oauth2(admin)
                        .post(url + "/training/classes/" + classId + "/report")
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("pendingUploadId");
        assertThat(uploadId).isNotBlank();

        await().atMost(Duration.ofSeconds(30)).until(() -> platform.attempts().size() >= 2);
        first.killHard();
        int attemptsBeforeKill = platform.attempts().size();

        startAnalytics("analytics-training-2", port, environment);

        // The queued upload survived the kill and the new instance takes up retrying it.
        JsonPath afterRestart = reportStatus(url, admin, classId);
        assertThat(afterRestart.getString("pendingUploadId")).isEqualTo(uploadId);
        assertThat(afterRestart.getString("reportedAt")).isNull();
        assertThat(afterRestart.getString("lastError")).contains("HTTP 503");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> platform.attempts().size() > attemptsBeforeKill);

        platform.acknowledge();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> {
                            JsonPath status = reportStatus(url, admin, classId);
                            assertThat(status.getString("reportedAt")).isNotNull();
                            assertThat(status.getString("lastError")).isNull();
                            assertThat(status.getString("pendingUploadId")).isNull();
                        });
        // Delivered means done: no attempt after the acknowledged one, over three polls.
        int attemptsAtDelivery = platform.attempts().size();
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> platform.attempts().size() == attemptsAtDelivery);

        List<Attempt> attempts = platform.attempts();
        assertThat(attempts)
                .as(
                        "refused before the kill (%d), refused after, then one accepted",
                        attemptsBeforeKill)
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(attempts.subList(0, attempts.size() - 1))
                .allSatisfy(attempt -> assertThat(attempt.status()).isEqualTo(503));
        assertThat(attempts.get(attempts.size() - 1).status()).isEqualTo(200);
        assertThat(attempts)
                .allSatisfy(
                        attempt -> {
                            assertThat(attempt.idempotencyKey()).isEqualTo(uploadId);
                            assertThat(attempt.clientId()).isEqualTo(CLIENT_ID);
                            assertThat(
                                            BodySignature.verify(
                                                    SECRET, attempt.signature(), attempt.body()))
                                    .as("signature %s", attempt.signature())
                                    .isTrue();
                            assertThat(attempt.signature())
                                    .startsWith("t=" + attempt.timestamp() + ",");
                        });
        assertThat(attempts.stream().map(Attempt::body).distinct())
                .as("every attempt, before and after the kill, carried the same report")
                .hasSize(1);

        JsonPath report = JsonPath.from(attempts.get(attempts.size() - 1).body());
        assertThat(report.getString("reportId")).isEqualTo(uploadId);
        assertThat(report.getString("tenantId")).isEqualTo(tenant);
        assertThat(report.getString("trainingClass.id")).isEqualTo(classId);
        assertThat(report.getString("trainingClass.name")).isEqualTo("电工上岗培训班");
        assertThat(report.getList("students.idNumber")).containsExactly(idNumber);
        assertThat(report.getLong("students[0].liveLearningSeconds")).isZero();
    }

    private ServiceProcess startAnalytics(
            String instance, int port, Map<String, String> environment) throws IOException {
        ServiceProcess process =
                ServiceProcess.start(
                        LiveLinkService.ANALYTICS,
                        instance,
                        LiveLinkService.ANALYTICS.runnableJar(
                                Path.of("").toAbsolutePath().getParent()),
                        port,
                        environment,
                        Files.createDirectories(Path.of("target/it-logs")));
        started.add(process);
        process.awaitReady(Duration.ofSeconds(120));
        return process;
    }

    private static RequestSpecification asAdmin(String admin) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON);
    }

    private static JsonPath reportStatus(String url, String admin, String classId) {
        return given().auth()
                .oauth2(admin)
                .get(url + "/training/classes/" + classId + "/report")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** A valid resident ID number: region, birth date, sequence (odd: male) and check character. */
    private static String idNumber(String region, String birthDate, String sequence) {
        String first17 = region + birthDate + sequence;
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    /** One POST the platform received, with what it answered. */
    private record Attempt(
            String idempotencyKey,
            String clientId,
            String timestamp,
            String signature,
            String body,
            int status) {}

    /**
     * A management platform on 127.0.0.1 that answers 503 to every report until told to
     * acknowledge, and records every attempt.
     */
    private static final class Platform implements AutoCloseable {
        private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        private final HttpServer server;
        private volatile boolean acknowledging;

        Platform() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/reports", this::receive);
            server.start();
        }

        private void receive(HttpExchange exchange) throws IOException {
            String body =
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = acknowledging ? 200 : 503;
            var headers = exchange.getRequestHeaders();
            attempts.add(
                    new Attempt(
                            headers.getFirst("Idempotency-Key"),
                            headers.getFirst("X-LiveLink-Client"),
                            headers.getFirst("X-LiveLink-Timestamp"),
                            headers.getFirst(BodySignature.HEADER),
                            body,
                            status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/reports";
        }

        List<Attempt> attempts() {
            return List.copyOf(attempts);
        }

        void acknowledge() {
            acknowledging = true;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
