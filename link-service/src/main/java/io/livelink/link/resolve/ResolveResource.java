package io.livelink.link.resolve;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.regex.Pattern;
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

    public ResolveResource(LinkResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Resolves an H5 short link. The viewer's cloud UID comes from the caller (header), or the
     * cookie of an earlier visit, or is assigned now and set as a cookie.
     */
    @GET
    @Path("/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resolve(
            @PathParam("code") String code,
            @HeaderParam(VIEWER_HEADER) String viewerHeader,
            @CookieParam(VIEWER_COOKIE) String viewerCookie,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        String viewerId =
                wellFormed(viewerHeader)
                        ? viewerHeader
                        : wellFormed(viewerCookie) ? viewerCookie : null;
        boolean assigned = viewerId == null;
        if (assigned) {
            viewerId = UUID.randomUUID().toString();
        }
        ResolveAnswer answer = resolver.resolveShortCode(code, viewerId, userAgent);
        Response.ResponseBuilder response = Response.ok(answer);
        if (assigned) {
            response.cookie(
                    new NewCookie.Builder(VIEWER_COOKIE)
                            .value(viewerId)
                            .path("/")
                            .maxAge(ONE_YEAR)
                            .httpOnly(true)
                            .sameSite(NewCookie.SameSite.LAX)
                            .build());
        }
        return response.build();
    }

    private static boolean wellFormed(String viewerId) {
        return viewerId != null && VIEWER_ID.matcher(viewerId).matches();
    }
}
