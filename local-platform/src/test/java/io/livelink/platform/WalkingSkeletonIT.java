package io.livelink.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.livelink.testsupport.RealInfrastructure;
import io.livelink.testsupport.TestTokens;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three packaged services, each its own process, against one real Kafka broker and one real
 * PostgreSQL: the flow of the README's walk-through, end to end, traced as deployed (spans exported
 * over OTLP to a receiver of the test's).
 */
class WalkingSkeletonIT {

    private static final Pattern STOPPED_IN = Pattern.compile(" stopped in ([0-9.]+)s");

    private static OtlpTraceReceiver traces;
    private static RunningServices services;
    private static String link;
    private static String permission;
    private static String analytics;

    @BeforeAll
    static void startThePlatform() throws IOException {
        Map<LiveLinkService, Integer> ports = new EnumMap<>(LiveLinkService.class);
        for (LiveLinkService service : LiveLinkService.APIS) {
            ports.put(service, RunningServices.freePort());
        }
        Path checkout = Path.of("").toAbsolutePath().getParent();
        // Traced as in compose and on Kubernetes, exporting to a collector of the test's own.
        traces = new OtlpTraceReceiver();
        services =
                RunningServices.start(
                        checkout,
                        ports,
                        RealInfrastructure.shared(),
                        TestTokens.issuer().publicKeyPem(),
                        io.livelink.testsupport.LocalLinkKeys.random(),
                        Files.createDirectories(Path.of("target/it-logs")),
                        traces.serviceEnvironment(),
                        System.out::println);
        link = services.baseUrl(LiveLinkService.LINK);
        permission = services.baseUrl(LiveLinkService.PERMISSION);
        analytics = services.baseUrl(LiveLinkService.ANALYTICS);
    }

    /**
     * Stops the services gracefully and holds them to quiet logs and a prompt stop: a normal run,
     * from start-up to shutdown, logs no ERROR (expected refusals are not errors), and each service
     * has stopped by itself well inside Kubernetes' 30 s termination grace period.
     */
    @AfterAll
    static void stopThePlatform() {
        if (services == null) {
            if (traces != null) {
                traces.close();
            }
            return;
        }
        services.close();
        // After the services: they flush their last spans as they stop, and a receiver already
        // gone would hold each of them in the exporter's retries.
        if (traces != null) {
            traces.close();
        }
        Map<LiveLinkService, List<String>> logs = services.logsOfThisRun();
        assertThat(logs.values().stream().flatMap(List::stream))
                .as("ERROR lines logged in a normal run")
                .noneMatch(line -> line.contains(" ERROR ["));
        logs.forEach(
                (service, lines) ->
                        assertThat(secondsToStop(lines))
                                .as("%s stopping by itself, in seconds", service.module())
                                // 0.7-4 s before traces and CloudEvents; since then each service
                                // spends ~5 s more (to be found), still half of the 30 s grace.
                                .isLessThan(15.0));
    }

    /** What Quarkus logs as the time it took to stop; fails when it never said (killed). */
    private static double secondsToStop(List<String> log) {
        return log.stream()
                .map(STOPPED_IN::matcher)
                .filter(Matcher::find)
                .map(m -> Double.parseDouble(m.group(1)))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no graceful stop logged"));
    }

    @Test
    void viewsReachAnalyticsAndApprovedMembersMayBroadcastAndPublishUntilRevoked() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 12);
        String admin = TestTokens.tenantAdmin(tenant);
        String platformAdmin = TestTokens.platformAdmin();

        // 0. A platform admin onboards the tenant and verifies it for H5; alice joins the
        // directory.
        given().auth()
                .oauth2(platformAdmin)
                .contentType(ContentType.JSON)
                .body(Map.of("id", tenant, "name", "Acme"))
                .post(permission + "/tenants")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("evidence", "business licence 91310000MA1FL0000X"))
                .post(permission + "/tenants/" + tenant + "/qualifications/H5")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(platformAdmin)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post(permission + "/tenants/" + tenant + "/qualifications/H5/verify")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "id",
                                "alice",
                                "account",
                                "alice@acme.example",
                                "displayName",
                                "Alice"))
                .post(permission + "/tenants/" + tenant + "/members")
                .then()
                .statusCode(201);

        // 1. A tenant admin creates a stream (once the tenant's events reached link-service) and
        // issues an H5 link.
        String streamId =
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        given().auth()
                                                .oauth2(admin)
                                                .contentType(ContentType.JSON)
                                                .body(
                                                        Map.of(
                                                                "type",
                                                                "H5",
                                                                "title",
                                                                "Spring launch"))
                                                .post(link + "/streams")
                                                .then()
                                                .extract()
                                                .path("id"),
                                id -> id != null);
        String url =
                given().auth()
                        .oauth2(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("channel", "weibo", "utmCampaign", "spring"))
                        .post(link + "/streams/" + streamId + "/links")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("url");
        assertThat(url).startsWith(link + "/s/");

        // 2. An anonymous viewer opens it (through a traced gateway: the request has a trace).
        String traceId = UUID.randomUUID().toString().replace("-", "");
        given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .get(url)
                .then()
                .statusCode(200)
                .body("streamId", is(streamId));

        // 3. analytics-service counted the view from the JOIN event.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                given().auth()
                                        .oauth2(admin)
                                        .get(analytics + "/streams/" + streamId + "/views")
                                        .then()
                                        .statusCode(200)
                                        .body("views", is(1)));
        // ... and one trace shows the resolve, the send of its ViewEvent and the analytics batch
        // that counted it, across the two processes.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertOneTraceFromResolveToCounting(traceId));

        // 4. Alice is refused, asks, is approved, and may then create a stream and publish it.
        String alice = TestTokens.member(tenant, "alice");
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "H5", "title", "Alice live"))
                .post(link + "/streams")
                .then()
                .statusCode(403)
                .body("reason", is("no-broadcast-permission"));
        String requestId =
                given().auth()
                        .oauth2(alice)
                        .contentType(ContentType.JSON)
                        .body(Map.of("purpose", "BROADCAST", "reason", "Weekly product demo"))
                        .post(permission + "/permission-requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        String grantId =
                given().auth()
                        .oauth2(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("comment", "go ahead"))
                        .post(permission + "/permission-requests/" + requestId + "/approve")
                        .then()
                        .statusCode(200)
                        .body("request.status", is("APPROVED"))
                        .extract()
                        .path("grant.id");
        String publishUrl =
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        given().auth()
                                                .oauth2(alice)
                                                .contentType(ContentType.JSON)
                                                .body(Map.of("type", "H5", "title", "Alice live"))
                                                .post(link + "/streams")
                                                .then()
                                                .extract()
                                                .path("publishUrl"),
                                published -> published != null);
        java.net.URI rtmp = java.net.URI.create(publishUrl);
        String aliceStream = rtmp.getPath().substring(rtmp.getPath().lastIndexOf('/') + 1);
        String key = rtmp.getQuery().substring("key=".length());
        onPublish(aliceStream, key).statusCode(204);

        // 5. After revocation both the new stream and the encoder are refused.
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "misuse"))
                .post(permission + "/grants/" + grantId + "/revoke")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                onPublish(aliceStream, key)
                                        .statusCode(403)
                                        .body("reason", is("no-broadcast-permission")));
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "H5", "title", "Alice again"))
                .post(link + "/streams")
                .then()
                .statusCode(403)
                .body("reason", is("no-broadcast-permission"));
    }

    private static void assertOneTraceFromResolveToCounting(String traceId) {
        List<OtlpTraceReceiver.ReceivedSpan> trace = traces.ofTrace(traceId);
        assertThat(trace)
                .as("spans of trace %s (of %d received)", traceId, traces.received())
                .anySatisfy(
                        span -> {
                            assertThat(span.service()).isEqualTo("link-service");
                            assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
                            assertThat(span.name()).contains("/s/");
                        })
                .anySatisfy(
                        span -> {
                            assertThat(span.service()).isEqualTo("link-service");
                            assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
                            assertThat(span.name()).contains("livelink.view-events");
                        })
                .anySatisfy(
                        span -> {
                            assertThat(span.service()).isEqualTo("analytics-service");
                            assertThat(span.name())
                                    .isEqualTo("process livelink.view-events record");
                        });
    }

    private static io.restassured.response.ValidatableResponse onPublish(
            String streamId, String key) {
        return given().contentType(ContentType.URLENC)
                .formParam("app", "live")
                .formParam("name", streamId)
                .formParam("key", key)
                .formParam("call", "publish")
                .post(link + "/media/nginx-rtmp/on_publish")
                .then();
    }

    /**
     * Issue 6 through the three services: a class syncs to a directory group, a student lecturer
     * gives a bound ENTERPRISE course, only activated students get member links, and the attendance
     * analytics computes from their real views counts one student on two devices once.
     */
    @Test
    void aTrainingClassBecomesAGroupAndItsCourseCountsOnlyItsActivatedStudents() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 12);
        String admin = TestTokens.tenantAdmin(tenant);
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("id", tenant, "name", "Training Co", "broadcastPolicy", "ALL_MEMBERS"))
                .post(permission + "/tenants")
                .then()
                .statusCode(201);

        String classId =
                given().auth()
                        .oauth2(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", "焊工班", "classType", "技能", "trainingMode", "LIVE"))
                        .post(analytics + "/training/classes")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        Map<String, String> students = new java.util.HashMap<>();
        Map<String, String> members = new java.util.HashMap<>();
        String[][] roster = {
            {"学员甲", "女", "110105199003070025"},
            {"讲师乙", "男", "110105199003070017"},
            {"未激活丙", "男", "110105199003070033"},
        };
        for (String[] s : roster) {
            var added =
                    given().auth()
                            .oauth2(admin)
                            .contentType(ContentType.JSON)
                            .body(
                                    Map.of(
                                            "name", s[0],
                                            "gender", s[1],
                                            "idNumber", s[2],
                                            "phone", "13800000000",
                                            "education", "本科"))
                            .post(analytics + "/training/classes/" + classId + "/students")
                            .then()
                            .statusCode(201)
                            .extract();
            students.put(s[0], added.path("id"));
            members.put(s[0], added.path("memberId"));
        }
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "studentIds",
                                java.util.List.of(students.get("学员甲"), students.get("讲师乙"))))
                .post(analytics + "/training/classes/" + classId + "/students/activate")
                .then()
                .statusCode(200);
        String groupId =
                given().auth()
                        .oauth2(admin)
                        .post(analytics + "/training/classes/" + classId + "/sync")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("groupId");

        // permission-service turns the class into a group of its two activated students.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                given().auth()
                                        .oauth2(admin)
                                        .get(
                                                permission
                                                        + "/tenants/"
                                                        + tenant
                                                        + "/groups/"
                                                        + groupId)
                                        .then()
                                        .statusCode(200)
                                        .body("members.size()", is(2)));

        // The lecturer (a student) creates the course bound to the group, once link-service
        // has heard of the tenant and the group.
        String lecturer = TestTokens.member(tenant, members.get("讲师乙"));
        String streamId =
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        given().auth()
                                                .oauth2(lecturer)
                                                .contentType(ContentType.JSON)
                                                .body(
                                                        Map.of(
                                                                "type", "ENTERPRISE",
                                                                "title", "焊接基础 第一课",
                                                                "audienceGroupId", groupId))
                                                .post(link + "/streams")
                                                .then()
                                                .extract(),
                                r -> r.statusCode() == 201)
                        .path("id");
        given().auth()
                .oauth2(lecturer)
                .post(link + "/streams/" + streamId + "/start")
                .then()
                .statusCode(200);

        // The activated student opens the course on two devices; the non-activated one gets no
        // link: never synced to the directory, link-service does not know them as a member.
        String student = members.get("学员甲");
        String first = resolveMemberLink(admin, streamId, student);
        String second = resolveMemberLink(admin, streamId, student);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "wecom", "memberId", members.get("未激活丙")))
                .post(link + "/streams/" + streamId + "/links")
                .then()
                .statusCode(403)
                .body("reason", is("not-a-member"));
        Thread.sleep(3_000);
        given().post(link + "/sessions/" + first + "/leave").then().statusCode(204);
        given().post(link + "/sessions/" + second + "/leave").then().statusCode(204);
        given().auth()
                .oauth2(lecturer)
                .post(link + "/streams/" + streamId + "/end")
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            var courses =
                                    given().auth()
                                            .oauth2(admin)
                                            .post(
                                                    analytics
                                                            + "/training/classes/"
                                                            + classId
                                                            + "/attendance/update")
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .jsonPath();
                            assertThat(courses.getList("courses.streamId"))
                                    .containsExactly(streamId);
                            assertThat(courses.getString("courses[0].endedAt")).isNotNull();
                            assertThat(courses.getInt("courses[0].attendees")).isEqualTo(2);
                        });
        var attendance =
                given().auth()
                        .oauth2(admin)
                        .get(analytics + "/training/classes/" + classId + "/attendance")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        long duration =
                given().auth()
                        .oauth2(admin)
                        .get(analytics + "/training/classes/" + classId + "/courses")
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("courses[0].durationSeconds");
        Map<String, Long> learning = new java.util.HashMap<>();
        for (Map<String, Object> row : attendance.<Map<String, Object>>getList("students")) {
            learning.put(
                    (String) row.get("name"),
                    ((Number) row.get("liveLearningSeconds")).longValue());
        }
        assertThat(duration).isGreaterThanOrEqualTo(3);
        assertThat(learning.get("讲师乙"))
                .as("the lecturer: the course's duration")
                .isEqualTo(duration);
        assertThat(learning.get("学员甲"))
                .as("two devices at once count once: at most the course, never the sum")
                .isBetween(2L, duration);
        assertThat(learning.get("未激活丙")).isZero();
    }

    private static String resolveMemberLink(String admin, String streamId, String memberId) {
        String url =
                given().auth()
                        .oauth2(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("channel", "wecom", "memberId", memberId))
                        .post(link + "/streams/" + streamId + "/links")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("url");
        return given().urlEncodingEnabled(false)
                .get(link + url.replaceFirst("^https?://[^/]+", ""))
                .then()
                .statusCode(200)
                .extract()
                .path("viewSession");
    }
}
