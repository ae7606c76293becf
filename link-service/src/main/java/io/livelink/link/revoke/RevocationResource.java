package io.livelink.link.revoke;

import io.livelink.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "Links")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.TENANT_ADMIN)
public class RevocationResource {

    private final LinkRevocation revocation;

    public RevocationResource(LinkRevocation revocation) {
        this.revocation = revocation;
    }

    /** How many links this call revoked (already revoked ones are not counted again). */
    public record Revoked(int revoked) {}

    @POST
    @Path("links/{linkId}/revoke")
    @Operation(
            summary = "Revoke one link",
            description = "It answers 410 revoked from then on; LinkRevoked is emitted.")
    public Revoked revokeLink(
            @PathParam("linkId") String linkId,
            @QueryParam("reason") @Size(max = 2000) String reason) {
        return new Revoked(revocation.revokeLink(linkId, reason));
    }
}
