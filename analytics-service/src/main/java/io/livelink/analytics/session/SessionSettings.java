package io.livelink.analytics.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The view-session lifecycle analytics-service owns. */
@ConfigMapping(prefix = "livelink.analytics.sessions")
public interface SessionSettings {

    /**
     * How often sessions silent for longer than the session timeout are ended at their last
     * heartbeat (read by its {@code @Scheduled}).
     */
    @WithDefault("5s")
    String sweepEvery();
}
