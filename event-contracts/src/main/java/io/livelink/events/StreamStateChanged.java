package io.livelink.events;

import java.time.Instant;

/** A stream was created ({@code previousState} null) or moved along SCHEDULED → LIVE → ENDED. */
public record StreamStateChanged(
        String streamId,
        String tenantId,
        StreamType streamType,
        String title,
        StreamState previousState,
        StreamState state,
        boolean replayEnabled,
        Instant changedAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return streamId;
    }
}
