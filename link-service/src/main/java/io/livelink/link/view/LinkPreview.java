package io.livelink.link.view;

import io.livelink.link.stream.WatchScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * Link-preview fetchers (WeChat's, Weibo's, Slack's, X's, Facebook's, Telegram's, WhatsApp's …) and
 * bots open links too: they get a page of Open Graph tags to draw the preview from and open no
 * session, so they count no view. Who they are: {@code livelink.views.crawler-user-agents}.
 */
@ApplicationScoped
public class LinkPreview {

    private final List<String> crawlerFragments;

    public LinkPreview(ViewSettings settings) {
        this.crawlerFragments =
                settings.crawlerUserAgents().stream()
                        .map(fragment -> fragment.strip().toLowerCase(Locale.ROOT))
                        .filter(fragment -> !fragment.isEmpty())
                        .toList();
    }

    public boolean isCrawler(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return false;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String fragment : crawlerFragments) {
            if (ua.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The preview of a stream's link. A members-only stream shows only that it is a LiveLink
     * broadcast: its title is for the members.
     */
    Response page(ResolveTargets.StreamTarget stream, String url) {
        boolean open = stream.watchScope() == WatchScope.EVERYONE;
        String title = open ? stream.title() : "LiveLink 直播 · Live broadcast";
        String description =
                open && stream.description() != null && !stream.description().isBlank()
                        ? stream.description()
                        : "直播 · Live broadcast";
        StringBuilder html = new StringBuilder(512);
        html.append("<!doctype html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\">\n")
                .append("<title>")
                .append(Html.escape(title))
                .append("</title>\n");
        meta(html, "og:type", "video.other");
        meta(html, "og:site_name", "LiveLink");
        meta(html, "og:title", title);
        meta(html, "og:description", description);
        meta(html, "og:url", url);
        if (open && stream.coverUrl() != null) {
            meta(html, "og:image", stream.coverUrl());
        }
        html.append("<meta name=\"twitter:card\" content=\"")
                .append(open && stream.coverUrl() != null ? "summary_large_image" : "summary")
                .append("\">\n")
                .append("<meta name=\"description\" content=\"")
                .append(Html.escape(description))
                .append("\">\n</head>\n<body><h1>")
                .append(Html.escape(title))
                .append("</h1><p>")
                .append(Html.escape(description))
                .append("</p></body>\n</html>\n");
        return Response.ok(html.toString(), MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .header(HttpHeaders.VARY, HttpHeaders.USER_AGENT)
                .build();
    }

    private static void meta(StringBuilder html, String property, String content) {
        html.append("<meta property=\"")
                .append(property)
                .append("\" content=\"")
                .append(Html.escape(content))
                .append("\">\n");
    }
}
