package io.livelink.events;

import java.time.Instant;

/**
 * One second of a MINI_PROGRAM stream: viewers watching at the second's end, joins and leaves in
 * it, and viewers seen for the first time on the stream. {@code revision} 1 is the first
 * publication; a late event within the grace period publishes the corrected second again with a
 * higher revision, which replaces the earlier one.
 */
public record StreamSecondRollup(
        String streamId,
        String tenantId,
        Instant second,
        long concurrentViewers,
        long joins,
        long leaves,
        long newUniqueViewers,
        int revision,
        Instant computedAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return streamId;
    }
}
