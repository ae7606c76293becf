package io.livelink.analytics.rollup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How windows close and how late an event may still correct one (application.properties). */
@ConfigMapping(prefix = "livelink.analytics.rollups")
public interface RollupSettings {

    /** How long after its window's end an event still corrects it; later ones are set aside. */
    @WithDefault("PT30S")
    Duration grace();

    /**
     * A second is computed this long after its end, so events in flight are in it the first time.
     */
    @WithDefault("PT0.5S")
    Duration secondCloseDelay();

    /** The same for a minute. */
    @WithDefault("PT5S")
    Duration minuteCloseDelay();

    /**
     * A session with neither LEAVE nor HEARTBEAT for this long stops counting as a concurrent
     * viewer (the player closed without saying so).
     */
    @WithDefault("PT60S")
    Duration sessionTimeout();

    /** At most this many windows of one stream are computed per run (catching up after a stop). */
    @WithDefault("600")
    int maxWindowsPerRun();

    /** How often the closing job looks for due windows (read by its {@code @Scheduled}). */
    @WithDefault("1s")
    String closeEvery();

    default Duration closeDelay(WindowSize size) {
        return size == WindowSize.SECOND ? secondCloseDelay() : minuteCloseDelay();
    }
}
