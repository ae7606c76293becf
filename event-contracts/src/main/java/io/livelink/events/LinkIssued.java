package io.livelink.events;

import java.time.Instant;

/**
 * A link was issued; {@code memberId} is set only for ENTERPRISE links, {@code expiresAt} only when
 * the link expires.
 */
public record LinkIssued(
        String linkId,
        String streamId,
        String tenantId,
        StreamType streamType,
        String channel,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String memberId,
        String keyId,
        Instant issuedAt,
        Instant expiresAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return streamId;
    }
}
