package io.livelink.link.view;

import io.livelink.commons.refusal.DomainRefusal;
import io.livelink.link.issue.LinkSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * How a link answers whoever opened it: a browser is sent on to the player (303, with a short-lived
 * player token) and sees refusals as pages in its language; an API client gets the answer as JSON
 * and refusals as problems. The same for H5 short links and enterprise member links opened in
 * WeCom's, Feishu's or DingTalk's browser.
 */
@ApplicationScoped
class BrowserAnswers {

    private final PlayerTokens playerTokens;
    private final LinkSettings settings;
    private final Clock clock;

    BrowserAnswers(PlayerTokens playerTokens, LinkSettings settings, Clock clock) {
        this.playerTokens = playerTokens;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The resolve's answer for this caller: {@code respond} builds the response (the redirect or
     * the JSON, then anything the resource adds); a refusal a browser meets becomes its page.
     */
    CompletionStage<Response> answer(
            HttpHeaders headers,
            CompletionStage<ResolveAnswer> resolved,
            Function<Response.ResponseBuilder, Response> respond) {
        boolean browser = prefersHtml(headers.getAcceptableMediaTypes());
        return resolved.handle(
                (answer, failure) -> {
                    if (failure == null) {
                        return respond.apply(builder(answer, browser));
                    }
                    Throwable cause =
                            failure instanceof CompletionException ? failure.getCause() : failure;
                    if (browser && cause instanceof DomainRefusal refused) {
                        return RefusalPage.of(refused, headers.getAcceptableLanguages());
                    }
                    throw failure instanceof CompletionException completion
                            ? completion
                            : new CompletionException(failure);
                });
    }

    /** A refusal before resolving started: a page for a browser, else thrown on as a problem. */
    Response refused(HttpHeaders headers, DomainRefusal refused) {
        if (prefersHtml(headers.getAcceptableMediaTypes())) {
            return RefusalPage.of(refused, headers.getAcceptableLanguages());
        }
        throw refused;
    }

    private Response.ResponseBuilder builder(ResolveAnswer answer, boolean browser) {
        Response.ResponseBuilder response =
                browser
                        ? Response.seeOther(URI.create(playerUrl(answer)))
                                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        : Response.ok(answer, MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    }

    private String playerUrl(ResolveAnswer answer) {
        String player = settings.playerUrlOrDefault();
        String token = playerTokens.issue(answer.viewSession(), clock.instant());
        return player
                + (player.contains("?") ? "&" : "?")
                + "token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /**
     * A browser asks for HTML before anything else; an API client asks for JSON, or for anything
     * (curl's and most libraries' {@code *}/{@code *}), or sends no Accept at all.
     */
    static boolean prefersHtml(List<MediaType> acceptable) {
        for (MediaType type : acceptable) {
            if (type.isWildcardType()) {
                return false;
            }
            String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
            if (type.getType().equalsIgnoreCase("text")
                    && (subtype.equals("html") || type.isWildcardSubtype())) {
                return true;
            }
            if (type.getType().equalsIgnoreCase("application")) {
                if (subtype.equals("xhtml+xml")) {
                    return true;
                }
                if (subtype.equals("json") || subtype.endsWith("+json")) {
                    return false;
                }
            }
        }
        return false;
    }
}
