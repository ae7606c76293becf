package io.livelink.events;

import java.time.Instant;

public record BroadcastPermissionRevoked(
        String grantId,
        String tenantId,
        String memberId,
        String revokedBy,
        String reason,
        Instant revokedAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
