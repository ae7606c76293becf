package io.livelink.events;

import java.time.Instant;

/**
 * A member may broadcast from {@code grantedAt} until {@code expiresAt} (null: until revoked).
 * {@code requestId} is null for a grant an admin gave directly.
 */
public record BroadcastPermissionGranted(
        String grantId,
        String requestId,
        String tenantId,
        String memberId,
        String subAccountId,
        String subAccountLogin,
        String grantedBy,
        Instant grantedAt,
        Instant expiresAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
