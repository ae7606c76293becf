package io.livelink.events;

import java.time.Instant;

public record BroadcastPermissionRequested(
        String requestId,
        String tenantId,
        String memberId,
        RequestPurpose purpose,
        String reason,
        Instant requestedAt,
        Instant expiresAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
