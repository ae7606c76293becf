package io.livelink.link.view;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Where link-service asks media servers to drop a viewer whose session was revoked. Each is
 * optional: a server without one keeps a revoked viewer only until the play URL expires (HLS) or,
 * for connections it holds (RTMP, RTSP, SRT, WebRTC), until the viewer disconnects.
 */
@ConfigMapping(prefix = "livelink.media.control")
public interface MediaSettings {

    /**
     * nginx-rtmp's control module, e.g. {@code http://127.0.0.1:8080/control} (a location with
     * {@code rtmp_control all;}); drops call {@code /drop/client?app=&name=&clientid=}.
     */
    Optional<String> nginxRtmpUrl();

    /**
     * SRS's HTTP API, e.g. {@code http://127.0.0.1:1985}; drops call {@code DELETE
     * /api/v1/clients/{id}}.
     */
    Optional<String> srsApiUrl();

    /**
     * MediaMTX's control API, e.g. {@code http://127.0.0.1:9997}; drops call {@code POST
     * /v3/{rtmpconns|rtspsessions|webrtcsessions|srtconns}/kick/{id}}.
     */
    Optional<String> mediamtxApiUrl();

    /** How long one drop request may take. */
    @WithDefault("PT2S")
    Duration timeout();
}
