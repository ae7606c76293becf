package io.livelink.analytics.rollup;

import java.time.Instant;

/** Computes, stores and publishes the windows of one stream type. */
public interface WindowRollup {

    WindowSize size();

    /**
     * Recomputes the stream's windows in [from, to) from the stored sessions and events; stores and
     * publishes each one that is new or differs from what was published before.
     */
    void compute(String streamId, String tenantId, Instant from, Instant to);
}
