package io.livelink.link.media;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.link.view.MediaClient;
import io.livelink.link.view.PlayAuthorization;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SRS {@code http_hooks} (SRS 4, 5 and 6): one JSON body per event, the event in {@code action},
 * the client's URL query in {@code param}. SRS allows on HTTP 200 with the body {@code 0}; anything
 * else denies, so refusals are 403 problems. Configure every hook with the same URL, {@code
 * http://link-service:8081/media/srs/hooks?secret=…}.
 */
@Path("/media/srs/hooks")
@Tag(name = "Media-server callbacks")
@PermitAll
public class SrsHooks {

    /** What SRS sends; fields not used here (server_id, stream_url, tcUrl …) are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Hook(
            String action,
            @JsonProperty("client_id") String clientId,
            String ip,
            String vhost,
            String app,
            String stream,
            String param) {}

    private static final String ALLOW = "0";

    private final CallbackAuthentication authentication;
    private final PublishAuthorization publishing;
    private final PlayAuthorization playing;

    public SrsHooks(
            CallbackAuthentication authentication,
            PublishAuthorization publishing,
            PlayAuthorization playing) {
        this.authentication = authentication;
        this.publishing = publishing;
        this.playing = playing;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "SRS http_hooks: on_publish (param ?key=; the stream goes LIVE), on_play (param ?session=<viewSession>), on_stop (closes the view session), on_unpublish (the stream ends after the grace); 200 body 0 allows, 403 (problem) denies")
    public Response hook(
            @QueryParam("secret") String secret, @Context HttpServerRequest request, Hook hook) {
        authentication.require(secret, request);
        String action = hook == null || hook.action() == null ? "" : hook.action();
        String param = hook == null ? null : hook.param();
        switch (action) {
            case "on_publish" ->
                    publishing.admit(
                            hook.stream(), QueryStrings.argument(param, "key").orElse(null));
            case "on_unpublish" ->
                    publishing.stopped(
                            hook.stream(), QueryStrings.argument(param, "key").orElse(null));
            case "on_play" ->
                    playing.requireMayPlay(
                            hook.stream(),
                            QueryStrings.argument(param, "session").orElse(null),
                            client(hook));
            case "on_stop" ->
                    playing.stopped(
                            hook.stream(),
                            QueryStrings.argument(param, "session").orElse(null),
                            client(hook));
            case "on_connect", "on_close", "on_dvr", "on_hls" -> {
                // Notifications only: nothing to decide.
            }
            default -> throw new InvalidInput("action", "not an SRS http_hooks action");
        }
        return Response.ok(ALLOW).build();
    }

    private static MediaClient client(Hook hook) {
        return new MediaClient(MediaClient.Server.SRS, hook.app(), hook.stream(), hook.clientId());
    }
}
