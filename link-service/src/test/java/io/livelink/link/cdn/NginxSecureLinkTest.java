package io.livelink.link.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.testsupport.media.NginxProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real thing: Debian's nginx with its secure_link module checks LiveLink's nginx-profile play
 * URLs. .ci/run installs nginx when the machine lacks it.
 */
class NginxSecureLinkTest {

    private static final String SECRET = "s3cret-shared-with-nginx";
    private static NginxProcess nginx;
    private static int port;

    @BeforeAll
    static void startNginx() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        nginx =
                NginxProcess.start(
                        Files.createTempDirectory("livelink-nginx"),
                        "",
                        """
                            server {
                                listen 127.0.0.1:%1$d;
                                location /live/ {
                                    secure_link $arg_md5,$arg_expires;
                                    secure_link_md5 "$secure_link_expires$uri %2$s";
                                    if ($secure_link = "")  { return 403; }
                                    if ($secure_link = "0") { return 410; }
                                    return 200 "media";
                                }
                            }
                        """
                                .formatted(port, SECRET),
                        List.of(port));
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
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
