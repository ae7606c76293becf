package io.livelink.link.view;

/**
 * A player connected to a media server that holds the connection, as its play callback named it, so
 * it can be dropped later.
 *
 * @param app the RTMP application (nginx-rtmp), or MediaMTX's protocol (rtmp, rtsp, webrtc, srt)
 * @param clientId the server's id of the connection
 */
public record MediaClient(Server server, String app, String stream, String clientId) {

    public enum Server {
        NGINX_RTMP,
        SRS,
        MEDIAMTX
    }

    /** Whether the callback named the connection well enough to drop it. */
    boolean droppable() {
        return clientId != null && !clientId.isBlank() && clientId.length() <= 128;
    }
}
