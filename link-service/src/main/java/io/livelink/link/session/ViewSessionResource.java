package io.livelink.link.session;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Called by players; the unguessable session id from resolve is the credential. */
@Path("/sessions/{sessionId}")
@Tag(name = "View sessions")
@PermitAll
public class ViewSessionResource {

    private final ViewSessions sessions;

    public ViewSessionResource(ViewSessions sessions) {
        this.sessions = sessions;
    }

    @POST
    @Path("/heartbeat")
    @Operation(
            summary = "Still watching",
            description =
                    "Without one for livelink.sessions.timeout the service closes the session (LEAVE). 410 once closed.")
    public Response heartbeat(@PathParam("sessionId") String sessionId) {
        sessions.heartbeat(sessionId);
        return Response.noContent().build();
    }

    @POST
    @Path("/leave")
    @Operation(summary = "Stopped watching", description = "Idempotent.")
    public Response leave(@PathParam("sessionId") String sessionId) {
        sessions.leave(sessionId);
        return Response.noContent().build();
    }
}
