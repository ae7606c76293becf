package io.livelink.events;

import java.time.Instant;

/**
 * One moment of one view session: a viewer joined, is still watching, or left.
 *
 * <p>The event id is the CloudEvents envelope id; consumers deduplicate on it.
 */
public record ViewEvent(
        String streamId,
        String tenantId,
        StreamType streamType,
        String linkId,
        String viewerId,
        ViewerIdKind viewerIdKind,
        String sessionId,
        ViewKind kind,
        Playback playback,
        Device device,
        String channel,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        Instant occurredAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return streamId;
    }
}
