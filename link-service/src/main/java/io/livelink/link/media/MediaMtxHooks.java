package io.livelink.link.media;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * MediaMTX tells nothing over HTTP when a publisher leaves; its {@code runOnNotReady} path hook
 * runs a command instead, which calls this with the path and the publisher's query from the
 * environment MediaMTX sets: {@code curl -s -X POST
 * "http://link-service:8081/media/mediamtx/not-ready?secret=…&path=$MTX_PATH&query=$MTX_QUERY"}
 * ({@code MTX_QUERY} comes URL-encoded, as a query value must be).
 */
@Path("/media/mediamtx/not-ready")
@Tag(name = "Media-server callbacks")
@PermitAll
public class MediaMtxHooks {

    private final CallbackAuthentication authentication;
    private final PublishAuthorization publishing;

    public MediaMtxHooks(CallbackAuthentication authentication, PublishAuthorization publishing) {
        this.authentication = authentication;
        this.publishing = publishing;
    }

    @POST
    @Operation(
            summary =
                    "MediaMTX runOnNotReady: the publisher of live/{streamId} (query key=) left; the stream ends after the grace; 204")
    public Response notReady(
            @QueryParam("secret") String secret,
            @Context HttpServerRequest request,
            @QueryParam("path") String path,
            @QueryParam("query") String query) {
        authentication.require(secret, request);
        publishing.stopped(
                MediaMtxAuth.streamId(path), QueryStrings.argument(query, "key").orElse(null));
        return Response.noContent().build();
    }
}
