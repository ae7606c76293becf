package io.livelink.link.stream;

import jakarta.validation.constraints.Size;

/**
 * Only the fields given change.
 *
 * @param audienceGroupId binds the stream to this directory group; {@code ""} unbinds it
 */
public record UpdateStreamRequest(
        @Size(min = 1, max = 200) String title,
        @Size(max = 2000) String description,
        WatchScope watchScope,
        Boolean replayEnabled,
        @Size(max = 128) String audienceGroupId) {}
