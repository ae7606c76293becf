package io.livelink.events;

import java.time.Instant;

/**
 * One moment of one view session: a viewer joined, is still watching, or left.
 *
 * <p>The event id is the CloudEvents envelope id; consumers deduplicate on it.
 *
 * <p>{@code sessionOpenedAt} is when the session was opened (its signed token's time), the same in
 * every event of the session: analytics-service keeps a session in the day partition of that
 * moment, so its JOIN, HEARTBEATs and LEAVE land on one row even when it spans midnight. Null in
 * events of producers that predate it.
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
        Instant occurredAt,
        Instant sessionOpenedAt)
        implements LiveLinkEvent {

    /** A view without its session's opening time, as producers before it wrote them. */
    public ViewEvent(
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
            Instant occurredAt) {
        this(
                streamId,
                tenantId,
                streamType,
                linkId,
                viewerId,
                viewerIdKind,
                sessionId,
                kind,
                playback,
                device,
                channel,
                utmSource,
                utmMedium,
                utmCampaign,
                occurredAt,
                null);
    }

    @Override
    public String partitionKey() {
        return streamId;
    }
}
