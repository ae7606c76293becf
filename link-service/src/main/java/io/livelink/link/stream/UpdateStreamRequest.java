package io.livelink.link.stream;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Only the fields given change.
 *
 * @param coverUrl the picture link previews and the player show
 * @param scheduledAt when the broadcast is planned to start
 * @param audienceGroupId binds the stream to this directory group; {@code ""} unbinds it
 */
public record UpdateStreamRequest(
        @Size(min = 1, max = 200) String title,
        @Size(max = 2000) String description,
        WatchScope watchScope,
        Boolean replayEnabled,
        @Size(max = 128) String audienceGroupId,
        @Size(max = 2048) @Pattern(regexp = "^$|https?://\\S+", message = "must be an http(s) URL")
                String coverUrl,
        Instant scheduledAt) {}
