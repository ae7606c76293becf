package io.livelink.link.media;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * link-service with a media-callback secret: callbacks must carry ?secret=… wherever they come
 * from. A one-second unpublish grace, swept every second, lets the real nginx-rtmp test see its
 * stream end.
 */
public class CallbackSecretProfile implements QuarkusTestProfile {

    static final String SECRET = "media-callback-s3cret";

    /**
     * Where the real nginx-rtmp test's nginx serves its control module. A system property, not a
     * field alone: Quarkus loads this profile in its own class loader too, and both must agree.
     */
    static final int NGINX_CONTROL_PORT = port("livelink.test.nginx-control-port");

    /** Where MediaServerKicksTest records the drop requests meant for SRS and MediaMTX. */
    static final int MEDIA_API_PORT = port("livelink.test.media-api-port");

    private static synchronized int port(String property) {
        String chosen = System.getProperty(property);
        if (chosen != null) {
            return Integer.parseInt(chosen);
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            System.setProperty(property, Integer.toString(socket.getLocalPort()));
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "livelink.media.callback-secret",
                SECRET,
                "livelink.streams.unpublish-grace",
                "PT1S",
                "livelink.streams.sweep-interval",
                "1s",
                "livelink.media.control.nginx-rtmp-url",
                "http://127.0.0.1:" + NGINX_CONTROL_PORT + "/control",
                "livelink.media.control.srs-api-url",
                "http://127.0.0.1:" + MEDIA_API_PORT,
                "livelink.media.control.mediamtx-api-url",
                "http://127.0.0.1:" + MEDIA_API_PORT + "/");
    }
}
