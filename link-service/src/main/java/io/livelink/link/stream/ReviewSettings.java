package io.livelink.link.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** The content review of public streams' titles and descriptions. */
@ConfigMapping(prefix = "livelink.review")
public interface ReviewSettings {

    /**
     * Phrases that induce sharing, refused in a public stream's title or description (compared
     * without white space and case).
     */
    @WithDefault("分享到朋友圈领红包,转发朋友圈领红包,分享领红包,转发领红包,集赞送,集赞领,诱导分享")
    List<String> bannedPhrases();
}
