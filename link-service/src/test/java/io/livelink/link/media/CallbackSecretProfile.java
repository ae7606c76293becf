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

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "livelink.media.callback-secret",
                SECRET,
                "livelink.streams.unpublish-grace",
                "PT1S",
                "livelink.streams.sweep-interval",
                "1s");
    }
}
