package io.livelink.link.stream;

import io.livelink.events.StreamState;
import io.livelink.events.StreamType;
import java.time.Instant;

public record StreamView(
        String id,
        String tenantId,
        StreamType type,
        String title,
        WatchScope watchScope,
        boolean replayEnabled,
        StreamState state,
        String createdBy,
        Instant createdAt,
        String publishUrl) {

    /** The view without the publish URL, for callers who may not publish. */
    static StreamView of(LiveStream stream) {
        return of(stream, null);
    }

    static StreamView of(LiveStream stream, String publishUrl) {
        return new StreamView(
                stream.id,
                stream.tenantId,
                stream.type,
                stream.title,
                stream.watchScope,
                stream.replayEnabled,
                stream.state,
                stream.createdBy,
                stream.createdAt,
                publishUrl);
    }
}
