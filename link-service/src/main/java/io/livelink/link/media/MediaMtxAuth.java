package io.livelink.link.media;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.livelink.commons.refusal.Refused;
import io.livelink.link.view.MediaClient;
import io.livelink.link.view.PlayAuthorization;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * MediaMTX external HTTP authentication ({@code authMethod: http}, {@code authHTTPAddress:
 * http://link-service:8081/media/mediamtx/auth?secret=…}): a JSON body per connection; 200 allows,
 * 401/403 denies. Path {@code live/{streamId}}; {@code publish} needs {@code key=…} in the query
 * (or as the password), {@code read} and {@code playback} need {@code session=<viewSession>}. The
 * other actions (api, metrics, pprof) are MediaMTX's own administration and are refused.
 */
@Path("/media/mediamtx/auth")
@Tag(name = "Media-server callbacks")
@PermitAll
public class MediaMtxAuth {

    /** What MediaMTX sends. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Request(
            String user,
            String password,
            String ip,
            String action,
            String path,
            String protocol,
            String id,
            String query) {}

    private static final String APPLICATION = "live/";

    private final CallbackAuthentication authentication;
    private final PublishAuthorization publishing;
    private final PlayAuthorization playing;

    public MediaMtxAuth(
            CallbackAuthentication authentication,
            PublishAuthorization publishing,
            PlayAuthorization playing) {
        this.authentication = authentication;
        this.publishing = publishing;
        this.playing = playing;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "MediaMTX authHTTPAddress: publish (query key=), read/playback (query session=<viewSession>); 204 allows, 403 (problem) denies")
    public Response authenticate(
            @QueryParam("secret") String secret,
            @Context HttpServerRequest httpRequest,
            Request request) {
        authentication.require(secret, httpRequest);
        String action = request == null || request.action() == null ? "" : request.action();
        String streamId = streamId(request == null ? null : request.path());
        String query = request == null ? null : request.query();
        switch (action) {
            case "publish" ->
                    publishing.admit(
                            streamId,
                            QueryStrings.argument(query, "key")
                                    .orElse(blankToNull(request.password())));
            case "read", "playback" ->
                    playing.requireMayPlay(
                            streamId,
                            QueryStrings.argument(query, "session").orElse(null),
                            new MediaClient(
                                    MediaClient.Server.MEDIAMTX,
                                    request.protocol(),
                                    streamId,
                                    request.id()));
            default ->
                    throw Refused.notAllowed(
                            "action-not-allowed",
                            "LiveLink allows only publish, read and playback");
        }
        return Response.noContent().build();
    }

    static String streamId(String path) {
        if (path == null) {
            return null;
        }
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (!trimmed.startsWith(APPLICATION)) {
            return null;
        }
        String id = trimmed.substring(APPLICATION.length());
        return id.isEmpty() || id.contains("/") ? null : id;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
