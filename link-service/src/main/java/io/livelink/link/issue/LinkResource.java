package io.livelink.link.issue;

import io.livelink.commons.security.Roles;
import io.livelink.link.revoke.LinkRevocation;
import io.livelink.link.revoke.RevocationResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/streams/{streamId}/links")
@Tag(name = "Links")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MEMBER})
public class LinkResource {

    private final LinkIssuer issuer;
    private final LinkRevocation revocation;

    public LinkResource(LinkIssuer issuer, LinkRevocation revocation) {
        this.issuer = issuer;
        this.revocation = revocation;
    }

    @POST
    @Path("/revoke")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Revoke every link of a stream")
    public RevocationResource.Revoked revokeAll(
            @PathParam("streamId") String streamId,
            @QueryParam("reason") @Size(max = 2000) String reason) {
        return new RevocationResource.Revoked(revocation.revokeStream(streamId, reason));
    }

    @POST
    public Response issue(
            @PathParam("streamId") String streamId, @Valid @NotNull IssueLinkRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(issuer.issue(streamId, request))
                .build();
    }
}
