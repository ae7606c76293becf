package io.livelink.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx with the RTMP module as the one-machine media server: encoders publish RTMP to it
 * (LiveLink's {@code on_publish} decides), it writes HLS, and serves the HLS over HTTP only to play
 * URLs LiveLink signed with the nginx CDN profile ({@code secure_link}). Revoked viewers pulling
 * RTMP are dropped through its control module.
 *
 * <p>nginx-rtmp's playlists name their segments relatively, without the playlist's query, so the
 * playlist is rewritten to hand its signature on to each segment ({@code sub_filter}), and a
 * segment's signature is checked against its playlist's path: one signed play URL covers the stream
 * and nothing else.
 */
public final class NginxMediaServer implements AutoCloseable {

    static final Path RTMP_MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");
    private static final List<Path> NGINX =
            List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));

    private final Process process;
    private final Path directory;
    private final int rtmpPort;
    private final int httpPort;
    private final String secureLinkSecret;

    private NginxMediaServer(
            Process process, Path directory, int rtmpPort, int httpPort, String secureLinkSecret) {
        this.process = process;
        this.directory = directory;
        this.rtmpPort = rtmpPort;
        this.httpPort = httpPort;
        this.secureLinkSecret = secureLinkSecret;
    }

    /** The nginx binary, when it and the RTMP module are installed. */
    public static Optional<Path> installedNginx() {
        if (!Files.exists(RTMP_MODULE)) {
            return Optional.empty();
        }
        return NGINX.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts nginx with its configuration, HLS output and logs under {@code directory}, asking the
     * link-service at {@code linkServiceUrl} about every publish and play.
     */
    public static NginxMediaServer start(
            Path directory, int rtmpPort, int httpPort, String linkServiceUrl) {
        Path nginx =
                installedNginx()
                        .orElseThrow(
                                () ->
                                        new PlatformException(
                                                "nginx with the RTMP module is not installed"
                                                        + " (Debian: apt-get install nginx-light"
                                                        + " libnginx-mod-rtmp)"));
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        try {
            stopLeftOver(directory.resolve("nginx.pid"));
            Files.createDirectories(directory.resolve("logs"));
            Files.createDirectories(directory.resolve("hls"));
            Path conf = directory.resolve("nginx.conf");
            Files.writeString(
                    conf, configuration(directory, rtmpPort, httpPort, linkServiceUrl, secret));
            Process process =
                    new ProcessBuilder(
                                    nginx.toString(),
                                    "-p",
                                    directory.toString(),
                                    "-c",
                                    conf.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(directory.resolve("logs/nginx.log").toFile())
                            .start();
            NginxMediaServer server =
                    new NginxMediaServer(process, directory, rtmpPort, httpPort, secret);
            server.awaitListening(Duration.ofSeconds(10));
            return server;
        } catch (IOException e) {
            throw new PlatformException("nginx did not start: " + e.getMessage());
        }
    }

    /** An nginx of an earlier run that was killed with its launcher still holds the ports. */
    private static void stopLeftOver(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile).trim();
        if (!pid.matches("[0-9]{1,10}")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid))
                .filter(p -> p.info().command().map(c -> c.contains("nginx")).orElse(false))
                .ifPresent(
                        leftOver -> {
                            leftOver.destroy();
                            leftOver.onExit()
                                    .orTimeout(5, TimeUnit.SECONDS)
                                    .handle((gone, slow) -> gone)
                                    .join();
                        });
    }

    static String configuration(
            Path directory, int rtmpPort, int httpPort, String linkServiceUrl, String secret) {
        String callbacks = linkServiceUrl + "/media/nginx-rtmp";
        return """
                load_module %1$s;
                # Workers run as whoever started LiveLink, so they can write and read its HLS.
                user %7$s;
                daemon off;
                worker_processes 1;
                pid %2$s/nginx.pid;
                error_log %2$s/logs/error.log warn;
                events { worker_connections 512; }
                rtmp {
                    server {
                        listen 127.0.0.1:%3$d;
                        chunk_size 4096;
                        application live {
                            live on;
                            record off;
                            on_publish %5$s/on_publish;
                            on_play %5$s/on_play;
                            on_done %5$s/on_done;
                            hls on;
                            hls_path %2$s/hls;
                            hls_fragment 1s;
                            hls_playlist_length 6s;
                            hls_cleanup on;
                        }
                    }
                }
                http {
                    access_log %2$s/logs/access.log;
                    client_body_temp_path %2$s/client_body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    types {
                        application/vnd.apple.mpegurl m3u8;
                        video/mp2t ts;
                    }
                    # A segment is signed as its playlist: /hls/<stream>-7.ts -> /hls/<stream>.m3u8
                    map $uri $livelink_signed_uri {
                        ~^(?<livelink_playlist>/hls/.+)-[0-9]+\\.ts$ $livelink_playlist.m3u8;
                        default $uri;
                    }
                    server {
                        listen 127.0.0.1:%4$d;
                        location /hls/ {
                            alias %2$s/hls/;
                            add_header Cache-Control no-cache always;
                            add_header Access-Control-Allow-Origin * always;
                            secure_link $arg_md5,$arg_expires;
                            secure_link_md5 "$secure_link_expires$livelink_signed_uri %6$s";
                            if ($secure_link = "") { return 403; }
                            if ($secure_link = "0") { return 410; }
                            sub_filter_types application/vnd.apple.mpegurl;
                            sub_filter_once off;
                            sub_filter '.ts' '.ts?md5=$arg_md5&expires=$arg_expires';
                        }
                        location /control {
                            rtmp_control all;
                        }
                    }
                }
                """
                .formatted(
                        RTMP_MODULE,
                        directory,
                        rtmpPort,
                        httpPort,
                        callbacks,
                        secret,
                        System.getProperty("user.name"));
    }

    /** What link-service needs to sign play URLs for this nginx, publish to it and drop viewers. */
    public Map<String, String> linkServiceEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("LIVELINK_CDN_PROFILE", "nginx");
        environment.put("LIVELINK_MEDIA_PLAY_BASE_URL", httpUrl() + "/hls");
        environment.put("LIVELINK_CDN_PRIMARY_KEY", secureLinkSecret);
        environment.put("LIVELINK_CDN_SUFFIX", ".m3u8");
        environment.put("LIVELINK_MEDIA_PUBLISH_BASE_URL", rtmpUrl());
        environment.put("LIVELINK_MEDIA_CONTROL_NGINX_RTMP_URL", httpUrl() + "/control");
        return environment;
    }

    /** Where encoders publish: {@code rtmp://127.0.0.1:<port>/live}. */
    public String rtmpUrl() {
        return "rtmp://127.0.0.1:" + rtmpPort + "/live";
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path directory() {
        return directory;
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (listening(rtmpPort) && listening(httpPort)) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new PlatformException(
                "nginx did not start on ports "
                        + rtmpPort
                        + " and "
                        + httpPort
                        + "; see "
                        + directory.resolve("logs"));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
