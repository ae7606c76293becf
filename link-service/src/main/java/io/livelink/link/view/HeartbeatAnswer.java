package io.livelink.link.view;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.livelink.events.StreamState;
import java.time.Instant;

/**
 * The answer to a heartbeat of a session that may still be watched: a freshly signed play URL (the
 * old one expires soon, which is what stops a revoked viewer), the stream's state and when to beat
 * next.
 */
@JsonSerialize(using = HeartbeatAnswerJson.class)
public record HeartbeatAnswer(
        String playUrl,
        Instant playUrlExpiresAt,
        StreamState state,
        long heartbeatIntervalSeconds) {}
