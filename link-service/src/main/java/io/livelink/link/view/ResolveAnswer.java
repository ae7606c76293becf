package io.livelink.link.view;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.livelink.events.Playback;
import io.livelink.events.StreamState;
import io.livelink.events.StreamType;
import java.time.Instant;

/**
 * What a player needs after a successful resolve (or a player-token exchange).
 *
 * @param playUrl signed for a few minutes ({@code playUrlExpiresAt}); each heartbeat answers a
 *     fresh one while the session may still be watched
 * @param viewSessionId the session's id, as analytics reports it
 * @param viewSession the signed session token: the credential of heartbeats ({@code POST
 *     /sessions/{viewSession}/heartbeat}), leave and media-server play URLs ({@code ?session=})
 * @param heartbeatIntervalSeconds how often the player sends a heartbeat
 */
@JsonSerialize(using = ResolveAnswerJson.class)
public record ResolveAnswer(
        String streamId,
        StreamType streamType,
        String title,
        String description,
        String coverUrl,
        Instant scheduledAt,
        StreamState state,
        Playback playback,
        String playUrl,
        Instant playUrlExpiresAt,
        String viewSessionId,
        String viewSession,
        String viewerId,
        long heartbeatIntervalSeconds) {}
