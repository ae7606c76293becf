package io.livelink.platform;

import io.livelink.testsupport.media.NginxProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

    private final NginxProcess nginx;
    private final int rtmpPort;
    private final int httpPort;
    private final String secureLinkSecret;

    private NginxMediaServer(
            NginxProcess nginx, int rtmpPort, int httpPort, String secureLinkSecret) {
        this.nginx = nginx;
        this.rtmpPort = rtmpPort;
        this.httpPort = httpPort;
        this.secureLinkSecret = secureLinkSecret;
    }

    /** Whether nginx and its RTMP module are installed. */
    public static boolean installed() {
        return NginxProcess.installed(true).isPresent();
    }

    /**
     * Starts nginx with its configuration, HLS output and logs under {@code directory}, asking the
     * link-service at {@code linkServiceUrl} about every publish and play.
     */
    public static NginxMediaServer start(
            Path directory, int rtmpPort, int httpPort, String linkServiceUrl) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        try {
            stopLeftOver(directory.resolve("nginx.pid"));
            Files.createDirectories(directory.resolve("hls"));
            NginxProcess nginx =
                    NginxProcess.start(
                            directory,
                            rtmp(directory, rtmpPort, linkServiceUrl),
                            http(directory, httpPort, secret),
                            List.of(rtmpPort, httpPort));
            return new NginxMediaServer(nginx, rtmpPort, httpPort, secret);
        } catch (IOException | IllegalStateException e) {
            throw new PlatformException("nginx-rtmp did not start: " + e.getMessage());
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

    private static String rtmp(Path directory, int rtmpPort, String linkServiceUrl) {
        return """
                rtmp {
                    server {
                        listen 127.0.0.1:%2$d;
                        chunk_size 4096;
                        application live {
                            live on;
                            record off;
                            on_publish %3$s/media/nginx-rtmp/on_publish;
                            on_play %3$s/media/nginx-rtmp/on_play;
                            on_done %3$s/media/nginx-rtmp/on_done;
                            hls on;
                            hls_path %1$s/hls;
                            hls_fragment 1s;
                            hls_playlist_length 6s;
                            hls_cleanup on;
                        }
                    }
                }
                """
                .formatted(directory, rtmpPort, linkServiceUrl);
    }

    private static String http(Path directory, int httpPort, String secret) {
        return """
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
                        listen 127.0.0.1:%2$d;
                        location /hls/ {
                            alias %1$s/hls/;
                            add_header Cache-Control no-cache always;
                            add_header Access-Control-Allow-Origin * always;
                            secure_link $arg_md5,$arg_expires;
                            secure_link_md5 "$secure_link_expires$livelink_signed_uri %3$s";
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
                """
                .formatted(directory, httpPort, secret);
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
        return nginx.prefix();
    }

    @Override
    public void close() {
        nginx.close();
    }
}
