package io.livelink.events;

import java.time.Instant;

/**
 * A stream was created ({@code previousState} null), changed, or moved along SCHEDULED → LIVE →
 * ENDED. {@code broadcasterId} is the member who created it (a training course's lecturer); {@code
 * audienceGroupId}, when set, is the directory group the stream is bound to: only its members
 * receive member links.
 */
public record StreamStateChanged(
        String streamId,
        String tenantId,
        StreamType streamType,
        String title,
        StreamState previousState,
        StreamState state,
        boolean replayEnabled,
        String broadcasterId,
        String audienceGroupId,
        Instant changedAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return streamId;
    }
}
