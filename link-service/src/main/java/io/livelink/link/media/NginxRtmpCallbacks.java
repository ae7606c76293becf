package io.livelink.link.media;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * nginx-rtmp's {@code on_publish} notification: form-encoded, with the arguments of the encoder's
 * URL ({@code key}) among the fields; any 2xx allows, 4xx denies. Configure {@code on_publish
 * http://link-service:8081/media/nginx-rtmp/on_publish;} in the RTMP application and publish to
 * {@code rtmp://host/live/{streamId}?key=…}.
 */
@Path("/media/nginx-rtmp")
@Tag(name = "Media-server callbacks")
@PermitAll
public class NginxRtmpCallbacks {

    private final PublishAuthorization publishing;

    public NginxRtmpCallbacks(PublishAuthorization publishing) {
        this.publishing = publishing;
    }

    @POST
    @Path("/on_publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "nginx-rtmp on_publish: 204 allows, 403 (problem) denies")
    public Response onPublish(@FormParam("name") String streamId, @FormParam("key") String key) {
        publishing.requireMayPublish(streamId, key);
        return Response.noContent().build();
    }
}
