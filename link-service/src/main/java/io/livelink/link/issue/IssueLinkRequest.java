package io.livelink.link.issue;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Where the link will be shared, so analytics can compare channels.
 *
 * @param memberId for ENTERPRISE links, the member the link is for; defaults to the caller (only a
 *     tenant admin may name another member)
 */
public record IssueLinkRequest(
        @NotBlank
                @Size(max = 64)
                @Pattern(
                        regexp = "[A-Za-z0-9._-]+",
                        message = "must be letters, digits, '.', '_' or '-'")
                String channel,
        @Size(max = 128) String utmSource,
        @Size(max = 128) String utmMedium,
        @Size(max = 128) String utmCampaign,
        @Size(max = 128) String memberId) {}
