package io.livelink.analytics.rollup.daily;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.LocalTime;
import java.time.ZoneId;

/** The daily ENTERPRISE member rollups: whose day, and when it is generated. */
@ConfigMapping(prefix = "livelink.analytics.daily")
public interface DailySettings {

    /** The zone of a tenant that has not set its own: where its days begin and end. */
    @WithDefault("Asia/Shanghai")
    ZoneId defaultTimeZone();

    /**
     * Local time in the tenant's zone after which the previous day is generated: late enough for
     * the day's last sessions to have ended.
     */
    @WithDefault("00:30")
    LocalTime generateAt();

    /** How often the job looks for tenants whose day is due (read by its {@code @Scheduled}). */
    @WithDefault("1m")
    String checkEvery();
}
