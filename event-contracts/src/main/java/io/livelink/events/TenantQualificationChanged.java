package io.livelink.events;

import java.time.Instant;

/**
 * The tenant's qualification to run streams of one type changed; {@code reason} is set on REJECTED.
 */
public record TenantQualificationChanged(
        String tenantId,
        StreamType streamType,
        QualificationStatus status,
        String reason,
        Instant changedAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
