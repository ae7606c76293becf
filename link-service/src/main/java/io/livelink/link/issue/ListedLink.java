package io.livelink.link.issue;

import io.livelink.events.StreamType;
import java.time.Instant;

/**
 * A link as the lists of a stream's and a member's links show it.
 *
 * @param url what viewers open, as issuing answered it: the H5 short link or the MINI_PROGRAM URL
 *     scheme; null for an ENTERPRISE member link, whose signed URL is a credential of its member
 *     that only issuing hands out (a fresh one is issued on demand)
 * @param pagePath for MINI_PROGRAM links, the page path with query
 * @param memberId for ENTERPRISE links, the member the link is for
 * @param revokedAt when it was revoked; null while it resolves (until {@code expiresAt}, if set)
 */
public record ListedLink(
        String linkId,
        String streamId,
        StreamType streamType,
        String url,
        String pagePath,
        String channel,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String memberId,
        Instant issuedAt,
        Instant expiresAt,
        Instant revokedAt) {}
