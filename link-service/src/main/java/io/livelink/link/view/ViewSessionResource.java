package io.livelink.link.view;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Called by players; the signed session token from resolve is the credential. Each answer waits for
 * Kafka's acknowledgement of the event (or its commit to the outbox) without holding a thread
 * meanwhile, and is decided on the event loop when what it reads is in memory ({@link
 * EventLoopFirst}).
 */
@Path("/sessions/{viewSession}")
@Tag(name = "View sessions")
@PermitAll
public class ViewSessionResource {

    private final ViewSessions sessions;
    private final EventLoopFirst eventLoopFirst;

    public ViewSessionResource(ViewSessions sessions, EventLoopFirst eventLoopFirst) {
        this.sessions = sessions;
        this.eventLoopFirst = eventLoopFirst;
    }

    @POST
    @Path("/heartbeat")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Still watching",
            description =
                    "Every heartbeatIntervalSeconds. 200 with a fresh play URL while the session may be watched; 410 when it may not (reason revoked, not-a-member, stream-ended or session-expired): the player stops. 403 tampered for a token LiveLink did not sign. A session without heartbeats for analytics' session timeout ends at its last one.")
    public CompletionStage<HeartbeatAnswer> heartbeat(@PathParam("viewSession") String token) {
        return eventLoopFirst.run(() -> sessions.heartbeat(token));
    }

    @POST
    @Path("/leave")
    @Operation(summary = "Stopped watching", description = "204; idempotent. 403 tampered.")
    public CompletionStage<Response> leave(@PathParam("viewSession") String token) {
        return eventLoopFirst
                .run(() -> sessions.leave(token))
                .thenApply(left -> Response.noContent().build());
    }
}
