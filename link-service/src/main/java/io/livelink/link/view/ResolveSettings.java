package io.livelink.link.view;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long resolve keeps what it read, so a widely shared link does not cost queries per view.
 * Changes made through this instance are forgotten at once; another instance's within the TTL.
 */
@ConfigMapping(prefix = "livelink.resolve")
public interface ResolveSettings {

    /** A link and its stream; this bounds how long another instance's revocation goes unseen. */
    @WithDefault("PT0.5S")
    Duration cacheTtl();

    /** Whether a member belongs to a tenant; departures also arrive as events and evict it. */
    @WithDefault("PT1M")
    Duration memberCacheTtl();

    /** A link's facts that never change once issued (kept while it is being resolved). */
    @WithDefault("PT10M")
    Duration linkFactsTtl();
}
