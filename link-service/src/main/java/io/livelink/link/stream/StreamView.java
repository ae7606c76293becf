package io.livelink.link.stream;

import io.livelink.events.StreamState;
import io.livelink.events.StreamType;
import java.time.Instant;

/**
 * @param approved whether links may be issued: always for non-public streams, for EVERYONE-scope
 *     streams once a tenant admin approved them
 * @param audienceGroupId the directory group whose members alone get member links, if bound
 * @param publishUrl where the encoder publishes; only for the creator and tenant admins
 */
public record StreamView(
        String id,
        String tenantId,
        StreamType type,
        String title,
        String description,
        WatchScope watchScope,
        String audienceGroupId,
        boolean replayEnabled,
        StreamState state,
        boolean approved,
        String createdBy,
        Instant createdAt,
        String coverUrl,
        Instant scheduledAt,
        String publishUrl) {

    static StreamView of(LiveStream stream, String publishUrl) {
        return new StreamView(
                stream.id,
                stream.tenantId,
                stream.type,
                stream.title,
                stream.description,
                stream.watchScope,
                stream.audienceGroupId,
                stream.replayEnabled,
                stream.state,
                stream.watchScope != WatchScope.EVERYONE || stream.approvedAt != null,
                stream.createdBy,
                stream.createdAt,
                stream.coverUrl,
                stream.scheduledAt,
                publishUrl);
    }
}
