package io.livelink.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livelink.testsupport.LocalLinkKeys;
import io.livelink.testsupport.RealInfrastructure;
import io.livelink.testsupport.TestTokens;
import io.livelink.testsupport.browser.HeadlessChromium;
import io.livelink.testsupport.media.Ffmpeg;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The viewer's side, for real: the one-machine demo ({@code ./livelink up}'s nginx-rtmp with
 * LiveLink's callbacks, HLS and secure_link), ffmpeg publishing a test pattern with the stream's
 * key, and Debian's headless chromium opening the H5 link. Screenshots are in
 * target/player-screenshots.
 *
 * <p>The bound on how long a revoked viewer keeps playing is one heartbeat interval (set to 5 s
 * here; 15 s by default) plus the 0.25 s in which every instance learns of a revocation: the
 * heartbeat after it answers 410 and the player stops. A player that ignored that answer would
 * still be stopped by its play URL's expiry ({@code livelink.cdn.validity}, 5 min by default).
 */
class PlayerEndToEndIT {

    private static final Duration HEARTBEAT = Duration.ofSeconds(5);

    /** Short play URLs, so the page has to play on fresh ones within the test. */
    private static final Duration PLAY_URL_VALIDITY = Duration.ofSeconds(15);

    private static final Path SCREENSHOTS = Path.of("target/player-screenshots");
    private static final String WECHAT_USER_AGENT =
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/156.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.50.2701"
                    + " NetType/WIFI Language/zh_CN";

    private static NginxMediaServer nginx;
    private static RunningServices services;
    private static Process encoder;
    private static String link;
    private static String analytics;
    private static String admin;

    @BeforeAll
    static void startThePlatformWithItsMediaServer() throws IOException {
        Map<LiveLinkService, Integer> ports = new EnumMap<>(LiveLinkService.class);
        for (LiveLinkService service : LiveLinkService.APIS) {
            ports.put(service, RunningServices.freePort());
        }
        Path logs = Files.createDirectories(Path.of("target/it-logs"));
        nginx =
                NginxMediaServer.start(
                        Files.createTempDirectory("livelink-demo-nginx"),
                        RunningServices.freePort(),
                        RunningServices.freePort(),
                        "http://127.0.0.1:" + ports.get(LiveLinkService.LINK));
        Map<String, String> environment = new HashMap<>(nginx.linkServiceEnvironment());
        environment.put("LIVELINK_VIEWS_HEARTBEAT_INTERVAL", HEARTBEAT.toString());
        environment.put("LIVELINK_CDN_VALIDITY", PLAY_URL_VALIDITY.toString());
        services =
                RunningServices.start(
                        Path.of("").toAbsolutePath().getParent(),
                        ports,
                        RealInfrastructure.shared(),
                        TestTokens.issuer().publicKeyPem(),
                        LocalLinkKeys.random(),
                        logs,
                        environment,
                        System.out::println);
        link = services.baseUrl(LiveLinkService.LINK);
        analytics = services.baseUrl(LiveLinkService.ANALYTICS);
        new DemoTenant(services.baseUrl(LiveLinkService.PERMISSION), TestTokens.issuer()).seed();
        admin = TestTokens.tenantAdmin(DemoTenant.ID);
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        if (encoder != null) {
            encoder.destroy();
            encoder.waitFor(5, TimeUnit.SECONDS);
        }
        if (services != null) {
            services.close();
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void aViewerWaitsWatchesIsCountedLeavesAndIsStoppedByARevocation() throws Exception {
        DemoStream demo = DemoStream.prepare(link, TestTokens.issuer());
        Instant began = Instant.now();
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("scheduledAt", "2030-01-02T03:04:00Z"))
                .patch(link + "/streams/" + demo.streamId())
                .then()
                .statusCode(200);

        try (HeadlessChromium viewer = HeadlessChromium.open("en-US,en", null, SCREENSHOTS)) {
            // 1. Before the broadcast: the link opens the player, which says it has not started.
            viewer.open(demo.watchUrl());
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> "waiting".equals(viewer.bodyData("state")));
            assertThat(viewer.text("title")).isEqualTo(DemoStream.TITLE);
            assertThat(viewer.text("overlay-title")).isEqualTo("The broadcast has not started yet");
            assertThat(viewer.text("overlay-message")).contains("Scheduled for").contains("2030");
            assertThat(viewer.text("badge")).isEqualTo("Upcoming");
            viewer.screenshot("1-waiting");

            // 2. The encoder publishes with the stream's key: on_publish lets it in, LIVE.
            encoder = publishTestPattern(demo.publishUrl());
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(state(demo.streamId())).isEqualTo("LIVE"));

            // 3. The waiting page starts playing by itself, through hls.js (no native HLS in
            // this path), and its video advances by 5 s and more.
            await().atMost(Duration.ofSeconds(45))
                    .until(() -> "live".equals(viewer.bodyData("state")));
            assertThat(viewer.bodyData("engine")).isEqualTo("hls.js");
            double startedAt = viewer.videoTime();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> viewer.videoTime() >= startedAt + 5);
            viewer.screenshot("2-playing");
            // ... and goes on playing well past the expiry of any play URL it held so far: every
            // request carries the signature of the newest heartbeat's URL.
            double playingAt = viewer.videoTime();
            Thread.sleep(PLAY_URL_VALIDITY.plusSeconds(5).toMillis());
            assertThat(viewer.bodyData("state")).isEqualTo("live");
            assertThat(viewer.videoTime())
                    .as("seconds played across play-URL expiries")
                    .isGreaterThan(playingAt + PLAY_URL_VALIDITY.toSeconds());
            String session = viewer.bodyData("viewSession");
            assertThat(session).isNotBlank();

            // 4. analytics counts the viewer in the stream's minute, on the link's channel.
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertCountedOnTheDemoChannel(demo.streamId(), began));

            // 5. Closing the page leaves the session (pagehide sends the leave beacon).
            viewer.open("about:blank");
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(
                            () ->
                                    assertThat(viewerSession(demo.streamId(), session, began))
                                            .as("the session's record once the page closed")
                                            .isNotNull()
                                            .satisfies(
                                                    record ->
                                                            assertThat(record.get("leftAt"))
                                                                    .isNotNull()));

            // 6. Revoking the link stops a viewer who is watching, within one heartbeat.
            viewer.open(demo.watchUrl());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "live".equals(viewer.bodyData("state")));
            given().auth()
                    .oauth2(admin)
                    .post(link + "/links/" + demo.linkId() + "/revoke")
                    .then()
                    .statusCode(200);
            long revokedAt = System.nanoTime();
            await().atMost(HEARTBEAT.plusSeconds(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> "refused".equals(viewer.bodyData("state")));
            Duration stoppedAfter = Duration.ofNanos(System.nanoTime() - revokedAt);
            System.out.printf(
                    "revoked viewer stopped %d ms after the revocation%n", stoppedAfter.toMillis());
            assertThat(viewer.bodyData("reason")).isEqualTo("revoked");
            assertThat(viewer.text("overlay-title")).isEqualTo("Link revoked");
            double stoppedTime = viewer.videoTime();
            Thread.sleep(2000);
            assertThat(viewer.evaluate("return document.getElementById('video').paused;"))
                    .as("the video stopped")
                    .isEqualTo(true);
            assertThat(viewer.videoTime()).isLessThanOrEqualTo(stoppedTime + 0.1);
            viewer.screenshot("3-revoked");
        }

        // 7. The revoked link, opened again by a viewer who reads Chinese: the reason, in Chinese.
        try (HeadlessChromium viewer = HeadlessChromium.open("zh-CN,zh", null, SCREENSHOTS)) {
            viewer.open(demo.watchUrl());
            assertThat(viewer.bodyData("reason")).isEqualTo("revoked");
            assertThat(viewer.text("refusal-title")).isEqualTo("链接已失效");
            viewer.screenshot("4-refused-zh-CN");
        }

        // 8. WeChat's in-app browser plays the same stream with its own HLS.
        String wechatLink =
                given().auth()
                        .oauth2(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("channel", "wechat"))
                        .post(link + "/streams/" + demo.streamId() + "/links")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("url");
        try (HeadlessChromium viewer =
                HeadlessChromium.open("zh-CN,zh", WECHAT_USER_AGENT, SCREENSHOTS)) {
            viewer.open(wechatLink);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "live".equals(viewer.bodyData("state")));
            assertThat(viewer.bodyData("engine")).isEqualTo("native");
            assertThat(viewer.text("badge")).isEqualTo("直播中");
            double startedAt = viewer.videoTime();
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> viewer.videoTime() >= startedAt + 2);
            viewer.screenshot("5-wechat-native-zh-CN");
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertCountedOnTheDemoChannel(String streamId, Instant began) {
        String body =
                given().auth()
                        .oauth2(admin)
                        .queryParam("from", began.minus(Duration.ofMinutes(2)).toString())
                        .queryParam("to", Instant.now().plus(Duration.ofMinutes(2)).toString())
                        .get(analytics + "/streams/" + streamId + "/minutes")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        List<Map<String, Object>> demoChannel =
                JsonPath.from(body).<Map<String, Object>>getList("$").stream()
                        .flatMap(
                                minute ->
                                        ((List<Map<String, Object>>) minute.get("channels"))
                                                .stream())
                        .filter(channel -> "demo".equals(channel.get("channel")))
                        .toList();
        assertThat(demoChannel)
                .as("per-minute figures of channel 'demo' in " + body)
                .anySatisfy(
                        channel -> {
                            assertThat(((Number) channel.get("views")).longValue())
                                    .isGreaterThanOrEqualTo(1);
                            assertThat(((Number) channel.get("peakConcurrent")).longValue())
                                    .isGreaterThanOrEqualTo(1);
                        });
    }

    private static Map<String, Object> viewerSession(
            String streamId, String sessionId, Instant began) {
        List<Map<String, Object>> sessions =
                given().auth()
                        .oauth2(admin)
                        .queryParam("from", began.minus(Duration.ofMinutes(2)).toString())
                        .queryParam("to", Instant.now().plus(Duration.ofMinutes(2)).toString())
                        .get(analytics + "/streams/" + streamId + "/viewers")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("$");
        return sessions.stream()
                .filter(s -> sessionId.equals(s.get("sessionId")))
                .findFirst()
                .orElse(null);
    }

    private static String state(String streamId) {
        return given().auth()
                .oauth2(admin)
                .get(link + "/streams/" + streamId)
                .then()
                .statusCode(200)
                .extract()
                .path("state");
    }

    /** Three minutes of ffmpeg's test pattern with a tone, published as an encoder would. */
    private static Process publishTestPattern(String publishUrl) throws IOException {
        Files.createDirectories(Path.of("target/it-logs"));
        return new ProcessBuilder(Ffmpeg.publishTestPattern(publishUrl, 180, "640x360", 25, true))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target/it-logs/player-encoder.log").toFile())
                .start();
    }
}
