package io.livelink.link.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a stream follows its encoder: encoders drop and reconnect, and ENDED is final. */
@ConfigMapping(prefix = "livelink.streams")
public interface StreamSettings {

    /** A LIVE stream whose encoder left ends once the encoder stayed away this long. */
    @WithDefault("PT60S")
    Duration unpublishGrace();

    /** How often streams past that grace are looked for (read by its {@code @Scheduled}). */
    @WithDefault("5s")
    String sweepInterval();
}
