package io.livelink.link.view;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** The view path's settings (README, Configuration). */
@ConfigMapping(prefix = "livelink.views")
public interface ViewSettings {

    /** How often players send a heartbeat; each answer carries a fresh play URL. */
    @WithDefault("PT15S")
    Duration heartbeatInterval();

    /**
     * How long one view session may last: a heartbeat of an older session is refused (410
     * session-expired) and the player opens the link again. It also bounds how far back the
     * revocation state kept in memory must reach.
     */
    @WithDefault("PT12H")
    Duration maxSessionDuration();

    /**
     * How often each instance reads revocations and departures committed by any instance; with the
     * after-commit notice of its own, this bounds how long another instance keeps accepting a
     * revoked session's heartbeats and keeps its media-server viewers connected.
     */
    @WithDefault("PT0.25S")
    Duration revocationPollInterval();

    /**
     * User-Agent fragments (case-insensitive) of link-preview fetchers and bots: they get an Open
     * Graph page, open no session and count no view.
     */
    @WithDefault(
            "facebookexternalhit,facebookcatalog,Facebot,Twitterbot,Slackbot,Slack-ImgProxy,"
                    + "LinkedInBot,TelegramBot,WhatsApp,Discordbot,SkypeUriPreview,Iframely,"
                    + "Embedly,redditbot,Pinterestbot,Applebot,Googlebot,bingbot,Baiduspider,"
                    + "YandexBot,DuckDuckBot,Sogou,360Spider,Bytespider,YisouSpider,Weibo-Bot,"
                    + "WeiboBot,WeChatShareExtension,QQ-URL-Manager,"
                    + "bot/,spider/,crawler/")
    List<String> crawlerUserAgents();
}
