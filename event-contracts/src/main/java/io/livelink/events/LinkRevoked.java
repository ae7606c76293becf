package io.livelink.events;

import java.time.Instant;

public record LinkRevoked(
        String linkId, String streamId, String tenantId, String reason, Instant revokedAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return streamId;
    }
}
