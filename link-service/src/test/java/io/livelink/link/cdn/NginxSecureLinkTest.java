package io.livelink.link.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real thing: Debian's nginx with its secure_link module checks LiveLink's nginx-profile play
 * URLs. .ci/run installs nginx when the machine lacks it.
 */
class NginxSecureLinkTest {

    private static final String SECRET = "s3cret-shared-with-nginx";
    private static Process nginx;
    private static int port;

    @BeforeAll
    static void startNginx() throws Exception {
        Path binary =
                List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx")).stream()
                        .filter(Files::isExecutable)
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "nginx is not installed (Debian: apt-get install nginx-light); .ci/run installs it"));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path prefix = Files.createTempDirectory("livelink-nginx");
        Files.createDirectories(prefix.resolve("logs"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(
                conf,
                """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi; uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        location /live/ {
                            secure_link $arg_md5,$arg_expires;
                            secure_link_md5 "$secure_link_expires$uri %3$s";
                            if ($secure_link = "")  { return 403; }
                            if ($secure_link = "0") { return 410; }
                            return 200 "media";
                        }
                    }
                }
                """
                        .formatted(prefix, port, SECRET));
        nginx =
                new ProcessBuilder(
                                binary.toString(), "-p", prefix.toString(), "-c", conf.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                        .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                status("/live/probe");
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not start; see " + prefix.resolve("logs"));
    }

    @AfterAll
    static void stopNginx() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void nginxAcceptsASignedUrlAndRefusesATamperedOrExpiredOne() throws Exception {
        long inAnHour = Instant.now().plusSeconds(3600).getEpochSecond();
        String signed =
                PlayUrlSigner.nginx(
                        "http://127.0.0.1:" + port + "/live/stream-1.m3u8", inAnHour, SECRET);
        assertThat(status(path(signed))).isEqualTo(200);

        assertThat(status(path(signed).replace("stream-1", "stream-2"))).isEqualTo(403);
        assertThat(status(path(signed).replace("expires=" + inAnHour, "expires=" + (inAnHour + 1))))
                .isEqualTo(403);
        assertThat(
                        status(
                                path(
                                        PlayUrlSigner.nginx(
                                                "http://x/live/stream-1.m3u8",
                                                inAnHour,
                                                "another-secret"))))
                .isEqualTo(403);

        long anHourAgo = Instant.now().minusSeconds(3600).getEpochSecond();
        assertThat(
                        status(
                                path(
                                        PlayUrlSigner.nginx(
                                                "http://x/live/stream-1.m3u8", anHourAgo, SECRET))))
                .isEqualTo(410);
    }

    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static int status(String pathAndQuery) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + pathAndQuery))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
