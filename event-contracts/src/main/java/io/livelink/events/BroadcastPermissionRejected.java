package io.livelink.events;

import java.time.Instant;

public record BroadcastPermissionRejected(
        String requestId,
        String tenantId,
        String memberId,
        String rejectedBy,
        String comment,
        Instant rejectedAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
