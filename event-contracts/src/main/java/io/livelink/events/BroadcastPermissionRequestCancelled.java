package io.livelink.events;

import java.time.Instant;

/** The requester withdrew a pending request. */
public record BroadcastPermissionRequestCancelled(
        String requestId, String tenantId, String memberId, Instant cancelledAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
