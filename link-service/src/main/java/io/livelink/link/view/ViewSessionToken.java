package io.livelink.link.view;

import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What a view session is, carried by the viewer as a signed token ({@link ViewSessionTokens}):
 * everything a heartbeat, a leave or a media server's play callback needs, so link-service keeps no
 * row per view. analytics-service learns of the session from its events and decides when it ended.
 */
public record ViewSessionToken(
        String sessionId,
        String streamId,
        String tenantId,
        StreamType streamType,
        String linkId,
        String viewerId,
        Playback playback,
        Device device,
        String channel,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        Instant openedAt) {

    /** The one place a ViewEvent is made: this session's {@code kind} at {@code at}. */
    public ViewEvent event(ViewKind kind, Instant at) {
        return new ViewEvent(
                streamId,
                tenantId,
                streamType,
                linkId,
                viewerId,
                ViewerIds.kindFor(streamType),
                sessionId,
                kind,
                playback,
                device,
                channel,
                utmSource,
                utmMedium,
                utmCampaign,
                at,
                // As the signed token carries it (to the millisecond), so every event of the
                // session,
                // from the JOIN made with the session to a LEAVE made from the token, says the
                // same.
                openedAt.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Whether the viewer is an enterprise member (whose departure ends the session). */
    public boolean ofMember() {
        return streamType == StreamType.ENTERPRISE;
    }
}
