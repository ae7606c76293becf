package io.livelink.link.stream;

import io.livelink.events.StreamType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * @param watchScope defaults to EMPLOYEES_ONLY for ENTERPRISE streams and EVERYONE otherwise
 * @param replayEnabled defaults to true
 * @param coverUrl the picture link previews and the player show
 * @param scheduledAt when the broadcast is planned to start
 * @param audienceGroupId a directory group (ENTERPRISE, EMPLOYEES_ONLY streams): only its members
 *     get member links
 */
public record CreateStreamRequest(
        @NotNull StreamType type,
        @NotBlank @Size(max = 200) String title,
        @Size(max = 2000) String description,
        WatchScope watchScope,
        Boolean replayEnabled,
        @Size(max = 128) String audienceGroupId,
        @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
                String coverUrl,
        Instant scheduledAt) {}
