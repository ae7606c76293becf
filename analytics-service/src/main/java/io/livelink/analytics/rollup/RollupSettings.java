package io.livelink.analytics.rollup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;

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

    /**
     * The longest a view session can be present: at least link-service's longest session ({@code
     * LIVELINK_VIEWS_MAX_SESSION_DURATION}, 12 h) plus the session timeout. Presence in a range is
     * looked for only among sessions opened this long before it, so a query reads the day
     * partitions of a day or two, however long the retention.
     */
    @WithDefault("PT24H")
    Duration sessionMaxAge();

    /**
     * A window already computed that events arrived for again is computed again once none has
     * arrived for this long, so a backlog that keeps touching the same windows has each computed
     * once rather than once per event.
     */
    @WithDefault("PT1S")
    Duration correctionSettle();

    /** ... but a correction never waits longer than this after its first event. */
    @WithDefault("PT10S")
    Duration correctionMaxDelay();

    /**
     * While a stream's events keep arriving, its windows close no later than the latest window they
     * reached, so a backlog is computed as it is consumed rather than ahead of it and again as
     * corrections; once none of its events has arrived for this long, its windows close on the
     * clock alone (an idle stream's last seconds).
     */
    @WithDefault("PT1S")
    Duration closeOnClockAfter();

    /**
     * ... unless the stream is live: its events reached within this of the windows the clock
     * closes. A live stream's second then closes on the clock even when its last event came late in
     * it (the watermark is that second, the clock is past it); a backlog hours or minutes behind
     * still closes only as far as its events reached.
     */
    @WithDefault("PT5S")
    Duration liveLag();

    /** At most this many windows of one stream are computed per run (catching up after a stop). */
    @WithDefault("600")
    int maxWindowsPerRun();

    /**
     * How often, at least, the closing job looks for due windows (corrections, minutes); it also
     * wakes when each second comes due.
     */
    @WithDefault("PT1S")
    Duration closeEvery();

    /**
     * How often how far the oldest due window trails the clock is measured (read by its
     * {@code @Scheduled}).
     */
    @WithDefault("5s")
    String measureEvery();

    default Duration closeDelay(WindowSize size) {
        return size == WindowSize.SECOND ? secondCloseDelay() : minuteCloseDelay();
    }

    /**
     * The end of the last window of this size that is complete at {@code now}, its delay included.
     */
    default Instant closedUpTo(WindowSize size, Instant now) {
        return size.startOf(now.minus(closeDelay(size)));
    }
}
