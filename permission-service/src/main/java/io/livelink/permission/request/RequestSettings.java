package io.livelink.permission.request;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Permission requests: how long they wait for an admin's decision. */
@ConfigMapping(prefix = "livelink.permission")
public interface RequestSettings {

    /** A request undecided this long after it was made expires. */
    @WithDefault("P7D")
    Duration requestTtl();

    /** How often requests past their time are expired (read by its {@code @Scheduled}). */
    @WithDefault("15s")
    String expiryInterval();
}
