package io.livelink.link.issue;

import io.livelink.events.StreamType;
import java.time.Instant;

public record IssuedLink(
        String linkId,
        String streamId,
        StreamType streamType,
        String url,
        String channel,
        Instant issuedAt,
        Instant expiresAt) {}
