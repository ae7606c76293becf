package io.livelink.link.resolve;

import io.livelink.events.Playback;
import io.livelink.events.StreamState;
import io.livelink.events.StreamType;

/** What a player needs after a successful resolve. */
public record ResolveAnswer(
        String streamId,
        StreamType streamType,
        StreamState state,
        Playback playback,
        String playUrl,
        String viewSessionId,
        String viewerId) {}
