package io.livelink.link.issue;

import io.livelink.events.StreamType;
import java.time.Instant;

/**
 * @param url what viewers open: the H5 short link, the ENTERPRISE member link, or the WeChat URL
 *     scheme of a MINI_PROGRAM link
 * @param pagePath for MINI_PROGRAM links, the page path with query for official-account menus and
 *     articles
 */
public record IssuedLink(
        String linkId,
        String streamId,
        StreamType streamType,
        String url,
        String pagePath,
        String channel,
        Instant issuedAt,
        Instant expiresAt) {}
