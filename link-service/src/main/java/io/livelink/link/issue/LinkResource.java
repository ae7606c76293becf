package io.livelink.link.issue;

import io.livelink.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/streams/{streamId}/links")
@Tag(name = "Links")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MEMBER})
public class LinkResource {

    private final LinkIssuer issuer;

    public LinkResource(LinkIssuer issuer) {
        this.issuer = issuer;
    }

    @POST
    public Response issue(
            @PathParam("streamId") String streamId, @Valid @NotNull IssueLinkRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(issuer.issue(streamId, request))
                .build();
    }
}
