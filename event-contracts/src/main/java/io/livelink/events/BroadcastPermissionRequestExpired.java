package io.livelink.events;

import java.time.Instant;

/** A request was left pending past its own expiry. */
public record BroadcastPermissionRequestExpired(
        String requestId, String tenantId, String memberId, Instant expiredAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
