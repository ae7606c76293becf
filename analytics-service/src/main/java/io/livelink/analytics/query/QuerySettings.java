package io.livelink.analytics.query;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How much one query or export may ask for, so no request reads a stream's whole history. */
@ConfigMapping(prefix = "livelink.analytics.query")
public interface QuerySettings {

    /** The longest from–to range of per-second rows and viewer sessions. */
    @WithDefault("PT1H")
    Duration maxRange();

    /** The longest from–to range of per-minute rows. */
    @WithDefault("P7D")
    Duration maxMinuteRange();

    /** The most days one daily-rollup query covers. */
    @WithDefault("366")
    int maxDays();
}
