package io.livelink.analytics.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long analytics keeps what it records (application.properties, docs/configuration.md). */
@ConfigMapping(prefix = "livelink.analytics.retention")
public interface RetentionSettings {

    /**
     * Days older than this (UTC days, whole days only) are dropped from the day-partitioned tables:
     * per-second and per-minute counts and rollups, late events, view sessions (by the day each was
     * opened); and the first joins of streams whose latest event is older than this.
     */
    @WithDefault("P400D")
    Duration period();

    /** How many days ahead of today partitions exist, so no insert waits for one. */
    @WithDefault("7")
    int partitionsAhead();
}
