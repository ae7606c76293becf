package io.livelink.events;

import java.time.Instant;
import java.util.List;

/**
 * One minute of an H5 stream, for the whole stream and per channel (the link's UTM source, else its
 * channel). Unique viewers are exact: distinct viewer ids watching during the minute. {@code
 * revision} grows with each correction by a late event; the highest revision is the final one.
 */
public record StreamMinuteRollup(
        String streamId,
        String tenantId,
        Instant minute,
        long views,
        long uniqueViewers,
        long watchSeconds,
        long peakConcurrent,
        List<ChannelMinute> channels,
        int revision,
        Instant computedAt)
        implements LiveLinkEvent {

    /** The same figures for the viewers who came through one channel. */
    public record ChannelMinute(
            String channel,
            long views,
            long uniqueViewers,
            long watchSeconds,
            long peakConcurrent) {}

    @Override
    public String partitionKey() {
        return streamId;
    }
}
