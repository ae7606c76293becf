package io.livelink.link.view;

import io.livelink.commons.refusal.DomainRefusal;
import io.livelink.link.issue.LinkSettings;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public: anyone holding a link may open it, no JWT. */
@Path("/s")
@Tag(name = "Resolve")
@PermitAll
public class ResolveResource {

    /** The cookie that carries an H5 viewer's cloud UID across visits. */
    static final String VIEWER_COOKIE = "ll_uid";

    static final String VIEWER_HEADER = "X-LiveLink-Viewer";
    private static final Pattern VIEWER_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final int ONE_YEAR = 365 * 24 * 3600;

    private final LinkResolver resolver;
    private final BrowserAnswers answers;
    private final LinkSettings settings;
    private final LinkPreview preview;
    private final EventLoopFirst eventLoopFirst;

    public ResolveResource(
            LinkResolver resolver,
            BrowserAnswers answers,
            LinkSettings settings,
            LinkPreview preview,
            EventLoopFirst eventLoopFirst) {
        this.resolver = resolver;
        this.answers = answers;
        this.settings = settings;
        this.preview = preview;
        this.eventLoopFirst = eventLoopFirst;
    }

    /**
     * Resolves an H5 short link. The viewer's cloud UID comes from the caller (header), or the
     * cookie of an earlier visit, or is assigned now and set as a cookie. A browser (Accept
     * preferring text/html) is sent on to the player with a short-lived player token; API clients
     * get the answer as JSON.
     */
    @GET
    @Path("/{code}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(
            summary = "Resolve an H5 short link",
            description =
                    "JSON for API clients; a browser (Accept: text/html) is redirected (303) to the player with ?token=, refusals as HTML pages with the same status. Link-preview crawlers (livelink.views.crawler-user-agents) get an Open Graph page and open no session. 404 unknown-link, 410 expired or revoked, 403 stream-not-watchable.")
    public CompletionStage<Response> resolve(
            @PathParam("code") String code,
            @HeaderParam(VIEWER_HEADER) String viewerHeader,
            @CookieParam(VIEWER_COOKIE) String viewerCookie,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
            @HeaderParam("X-Forwarded-Proto") String forwardedProto,
            @Context HttpHeaders headers,
            @Context UriInfo uri,
            @Context HttpServerRequest request) {
        return eventLoopFirst.run(
                () ->
                        resolveHere(
                                code,
                                viewerHeader,
                                viewerCookie,
                                userAgent,
                                forwardedProto,
                                headers,
                                uri,
                                request));
    }

    private CompletionStage<Response> resolveHere(
            String code,
            String viewerHeader,
            String viewerCookie,
            String userAgent,
            String forwardedProto,
            HttpHeaders headers,
            UriInfo uri,
            HttpServerRequest request) {
        if (preview.isCrawler(userAgent)) {
            try {
                return CompletableFuture.completedFuture(
                        preview.page(resolver.previewOf(code), uri.getRequestUri().toString()));
            } catch (DomainRefusal refused) {
                return CompletableFuture.completedFuture(
                        RefusalPage.of(refused, headers.getAcceptableLanguages()));
            }
        }
        String viewerId =
                wellFormed(viewerHeader)
                        ? viewerHeader
                        : wellFormed(viewerCookie) ? viewerCookie : null;
        boolean assigned = viewerId == null;
        String viewer = assigned ? UUID.randomUUID().toString() : viewerId;
        CompletionStage<ResolveAnswer> resolved;
        try {
            resolved = resolver.resolveShortCode(code, viewer, userAgent);
        } catch (DomainRefusal refused) {
            return CompletableFuture.completedFuture(answers.refused(headers, refused));
        }
        boolean secure =
                // The connection's own TLS flag: rebuilding the request URI for its scheme cost
                // ~5 % of a resolve.
                secureCookie(
                        settings.publicBaseUrl(),
                        forwardedProto,
                        request.isSSL() ? "https" : "http");
        return answers.answer(
                headers,
                resolved,
                response -> {
                    if (assigned) {
                        response.cookie(
                                new NewCookie.Builder(VIEWER_COOKIE)
                                        .value(viewer)
                                        .path("/")
                                        .maxAge(ONE_YEAR)
                                        .httpOnly(true)
                                        .secure(secure)
                                        .sameSite(NewCookie.SameSite.LAX)
                                        .build());
                    }
                    return response.build();
                });
    }

    /**
     * The cloud-UID cookie is marked Secure whenever viewers reach the service over HTTPS: the
     * public base is https, a TLS-terminating proxy says so (X-Forwarded-Proto), or the request
     * itself came over TLS.
     */
    static boolean secureCookie(String publicBaseUrl, String forwardedProto, String scheme) {
        String proxied = forwardedProto == null ? "" : forwardedProto.split(",", 2)[0].strip();
        return publicBaseUrl.regionMatches(true, 0, "https:", 0, 6)
                || proxied.equalsIgnoreCase("https")
                || "https".equalsIgnoreCase(scheme);
    }

    private static boolean wellFormed(String viewerId) {
        return viewerId != null && VIEWER_ID.matcher(viewerId).matches();
    }
}
