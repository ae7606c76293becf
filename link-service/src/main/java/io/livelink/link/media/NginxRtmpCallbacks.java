package io.livelink.link.media;

import io.livelink.link.view.MediaClient;
import io.livelink.link.view.PlayAuthorization;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * nginx-rtmp's notifications: form-encoded, with the arguments of the client's URL ({@code key} for
 * encoders, {@code session} for players) among the fields; any 2xx allows, 4xx denies. In the RTMP
 * application: {@code on_publish http://link-service:8081/media/nginx-rtmp/on_publish?secret=…;}
 * and likewise {@code on_play} and {@code on_done}. A publish let in makes the stream LIVE; the
 * encoder's done ends it after the grace. The {@code secret} is read from the callback URL's query
 * only, never from the form (which carries what the client put in its URL).
 */
@Path("/media/nginx-rtmp")
@Tag(name = "Media-server callbacks")
@PermitAll
public class NginxRtmpCallbacks {

    private final CallbackAuthentication authentication;
    private final PublishAuthorization publishing;
    private final PlayAuthorization playing;

    public NginxRtmpCallbacks(
            CallbackAuthentication authentication,
            PublishAuthorization publishing,
            PlayAuthorization playing) {
        this.authentication = authentication;
        this.publishing = publishing;
        this.playing = playing;
    }

    @POST
    @Path("/on_publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "nginx-rtmp on_publish: 204 allows, 403 (problem) denies")
    public Response onPublish(
            @QueryParam("secret") String secret,
            @Context HttpServerRequest request,
            @FormParam("name") String streamId,
            @FormParam("key") String key) {
        authentication.require(secret, request);
        publishing.admit(streamId, key);
        return Response.noContent().build();
    }

    @POST
    @Path("/on_play")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(
            summary =
                    "nginx-rtmp on_play: 204 allows a player whose URL carries session=<viewSession>, the signed session token of a watchable view session of the stream; 403 (problem) denies. The connection (app, clientid) is dropped through the control module when the session is revoked.")
    public Response onPlay(
            @QueryParam("secret") String secret,
            @Context HttpServerRequest request,
            @FormParam("app") String app,
            @FormParam("name") String streamId,
            @FormParam("clientid") String clientId,
            @FormParam("session") String session) {
        authentication.require(secret, request);
        playing.requireMayPlay(
                streamId,
                session,
                new MediaClient(MediaClient.Server.NGINX_RTMP, app, streamId, clientId));
        return Response.noContent().build();
    }

    @POST
    @Path("/on_done")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(
            summary =
                    "nginx-rtmp on_done (or on_play_done / on_publish_done): a player stopped, the view session in its URL (session=) closes (LEAVE); an encoder stopped (key=), the stream ends after the grace; 204")
    public Response onDone(
            @QueryParam("secret") String secret,
            @Context HttpServerRequest request,
            @FormParam("call") String call,
            @FormParam("app") String app,
            @FormParam("name") String streamId,
            @FormParam("clientid") String clientId,
            @FormParam("session") String session,
            @FormParam("key") String key) {
        authentication.require(secret, request);
        // nginx-rtmp sends call=done for players and encoders alike (after call=play_done or
        // call=publish_done when those are configured too), with the client's URL arguments: only
        // a player's URL carries a view session, only an encoder's the stream key.
        if (!"publish".equals(call) && !"publish_done".equals(call)) {
            playing.stopped(
                    streamId,
                    session,
                    new MediaClient(MediaClient.Server.NGINX_RTMP, app, streamId, clientId));
        }
        publishing.stopped(streamId, key);
        return Response.noContent().build();
    }
}
