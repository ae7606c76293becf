package io.livelink.link.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.livelink.testsupport.media.Ffmpeg;
import io.livelink.testsupport.media.NginxProcess;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real thing: Debian's nginx with libnginx-mod-rtmp asks LiveLink's callbacks (with the shared
 * secret in their URLs) whether ffmpeg may publish a generated test pattern, and whether a player
 * may play it. .ci/run installs nginx-light, libnginx-mod-rtmp and ffmpeg when the machine lacks
 * them.
 */
@QuarkusTest
@TestProfile(CallbackSecretProfile.class)
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class NginxRtmpPublishTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final List<Process> processes = new ArrayList<>();
    private NginxProcess nginx;
    private Path prefix;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void aPermittedMemberPublishesThroughNginxRtmpAndOneWithoutAGrantIsRefused() throws Exception {
        TenantFixtures.qualifiedTenant(
                kafka, tenant, BroadcastPolicy.SELECTED_MEMBERS, StreamType.H5);
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        MediaFixtures.Publishing permitted =
                MediaFixtures.grantedMembersStream(kafka, tenant, alice);
        MediaFixtures.Publishing withoutGrant =
                MediaFixtures.grantedMembersStream(kafka, tenant, bob);
        MediaFixtures.revoke(kafka, tenant, bob, withoutGrant.grantId());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                given().contentType(ContentType.URLENC)
                                        .formParam("name", withoutGrant.streamId())
                                        .formParam("key", withoutGrant.key())
                                        .post(
                                                "/media/nginx-rtmp/on_publish?secret="
                                                        + CallbackSecretProfile.SECRET)
                                        .then()
                                        .statusCode(403)
                                        .body("reason", is("no-broadcast-permission")));

        MediaFixtures.View view = MediaFixtures.view(tenant, permitted.streamId());
        String session = view.token();
        MediaFixtures.View revokedView = MediaFixtures.view(tenant, permitted.streamId());
        int rtmpPort = startNginx(RestAssured.port);
        String live = "rtmp://127.0.0.1:" + rtmpPort + "/live/";

        // Refused: bob's grant was revoked, so on_publish answers 403 and nginx drops ffmpeg.
        Process refused =
                run(
                        "publish-refused",
                        publish(live + withoutGrant.streamId() + "?key=" + withoutGrant.key()));
        assertThat(refused.waitFor(20, TimeUnit.SECONDS)).as("refused ffmpeg ended").isTrue();
        assertThat(refused.exitValue()).as("refused ffmpeg's exit code").isNotZero();
        assertThat(Files.readString(prefix.resolve("logs/error.log")))
                .as("nginx asked LiveLink's on_publish about bob's stream")
                .contains("publish: name='" + withoutGrant.streamId() + "'")
                .contains(
                        "notify: publish '127.0.0.1:"
                                + RestAssured.port
                                + "/media/nginx-rtmp/on_publish?secret=");

        // Accepted: alice holds a grant; her 5-second test pattern goes through.
        Process accepted =
                run(
                        "publish-accepted",
                        publish(live + permitted.streamId() + "?key=" + permitted.key()));
        Thread.sleep(1000);
        assertThat(accepted.isAlive())
                .as("alice's ffmpeg still publishing; see " + prefix.resolve("logs"))
                .isTrue();
        // The publish nginx let in made the stream LIVE; bob's refused one left his SCHEDULED.
        assertThat(state(permitted.streamId())).isEqualTo("LIVE");
        assertThat(state(withoutGrant.streamId())).isEqualTo("SCHEDULED");

        // While she is live, a player with an open view session plays; one without is refused,
        // and on_done closes the session when the player stops.
        Process player =
                run("play-accepted", play(live + permitted.streamId() + "?session=" + session));
        Process stranger =
                run(
                        "play-refused",
                        play(live + permitted.streamId() + "?session=" + UUID.randomUUID()));
        // Revocation kicks: a viewer pulling the stream is dropped within a second of revoking
        // their link, through nginx-rtmp's control module.
        Process kicked =
                run(
                        "play-kicked",
                        play(live + permitted.streamId() + "?session=" + revokedView.token(), 30));
        Thread.sleep(1500);
        assertThat(kicked.isAlive())
                .as("the viewer about to be revoked plays; see " + prefix)
                .isTrue();
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .post("/links/" + revokedView.linkId() + "/revoke")
                .then()
                .statusCode(200);
        long revokedAt = System.nanoTime();
        assertThat(kicked.waitFor(5, TimeUnit.SECONDS)).as("revoked viewer dropped").isTrue();
        Duration dropped = Duration.ofNanos(System.nanoTime() - revokedAt);
        io.quarkus.logging.Log.infof(
                "revoked viewer dropped %d ms after the revocation", dropped.toMillis());
        assertThat(dropped)
                .as("revoked viewer dropped within a second")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(Files.readString(prefix.resolve("logs/access.log")))
                .as("LiveLink asked nginx's control module to drop it")
                .contains("GET /control/drop/client?app=live&name=" + permitted.streamId());
        assertThat(player.waitFor(20, TimeUnit.SECONDS)).as("player ended").isTrue();
        assertThat(player.exitValue()).as("player's exit code; see " + prefix).isZero();
        assertThat(stranger.waitFor(20, TimeUnit.SECONDS)).as("refused player ended").isTrue();
        assertThat(stranger.exitValue()).as("refused player's exit code").isNotZero();
        kafka.awaitEvent(
                ViewEvent.class,
                e -> e.sessionId().equals(view.id()) && e.kind() == ViewKind.LEAVE,
                Duration.ofSeconds(10));

        assertThat(accepted.waitFor(20, TimeUnit.SECONDS)).as("alice's ffmpeg ended").isTrue();
        assertThat(accepted.exitValue()).as("alice's ffmpeg's exit code; see " + prefix).isZero();

        // Her encoder's done (with its key) starts the grace (1 s in this profile); then it ends.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(state(permitted.streamId())).isEqualTo("ENDED"));
        assertThat(Files.readString(prefix.resolve("logs/error.log")))
                .contains("notify: done '127.0.0.1:" + RestAssured.port);
    }

    private String state(String streamId) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/streams/" + streamId)
                .then()
                .statusCode(200)
                .extract()
                .path("state");
    }

    private static List<String> publish(String url) {
        return Ffmpeg.publishTestPattern(url, 5, "320x240", 10, false);
    }

    private static List<String> play(String url) {
        return play(url, 1);
    }

    private static List<String> play(String url, int seconds) {
        return List.of(
                "ffmpeg",
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "warning",
                "-analyzeduration",
                "500000",
                "-rw_timeout",
                "10000000",
                "-i",
                url,
                "-t",
                Integer.toString(seconds),
                "-c",
                "copy",
                "-f",
                "null",
                "-");
    }

    private Process run(String name, List<String> command) throws IOException {
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(prefix.resolve("logs/" + name + ".log").toFile())
                        .start();
        processes.add(process);
        return process;
    }

    private int startNginx(int httpPort) throws Exception {
        int rtmpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            rtmpPort = socket.getLocalPort();
        }
        String callbacks = "http://127.0.0.1:%d/media/nginx-rtmp".formatted(httpPort);
        String secret = "?secret=" + CallbackSecretProfile.SECRET;
        nginx =
                NginxProcess.start(
                        Files.createTempDirectory("livelink-nginx-rtmp"),
                        """
                        rtmp {
                            server {
                                listen 127.0.0.1:%1$d;
                                application live {
                                    live on;
                                    on_publish %2$s/on_publish%3$s;
                                    on_play %2$s/on_play%3$s;
                                    on_done %2$s/on_done%3$s;
                                }
                            }
                        }
                        """
                                .formatted(rtmpPort, callbacks, secret),
                        """
                            server {
                                listen 127.0.0.1:%d;
                                location /control { rtmp_control all; }
                            }
                        """
                                .formatted(CallbackSecretProfile.NGINX_CONTROL_PORT),
                        List.of(rtmpPort, CallbackSecretProfile.NGINX_CONTROL_PORT));
        prefix = nginx.prefix();
        return rtmpPort;
    }
}
