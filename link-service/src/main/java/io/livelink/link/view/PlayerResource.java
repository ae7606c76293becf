package io.livelink.link.view;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Called by the player page a browser was redirected to; the token is the credential. */
@Path("/play")
@Tag(name = "Resolve")
@PermitAll
public class PlayerResource {

    private final PlayerSessions sessions;

    public PlayerResource(PlayerSessions sessions) {
        this.sessions = sessions;
    }

    @GET
    @Path("/{token}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Exchange a player token",
            description =
                    "The token from the redirect of GET /s/{code}: answers as resolve did (play URL, view session). 403 tampered, 410 expired, revoked or session-closed.")
    public ResolveAnswer exchange(@PathParam("token") String token) {
        return sessions.exchange(token);
    }
}
