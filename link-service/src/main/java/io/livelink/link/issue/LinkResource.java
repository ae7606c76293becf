package io.livelink.link.issue;

import io.livelink.commons.security.Roles;
import io.livelink.link.revoke.LinkRevocation;
import io.livelink.link.revoke.RevocationResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/streams/{streamId}/links")
@Tag(name = "Links")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MEMBER})
public class LinkResource {

    private final LinkIssuer issuer;
    private final IssuedLinks issued;
    private final LinkRevocation revocation;

    public LinkResource(LinkIssuer issuer, IssuedLinks issued, LinkRevocation revocation) {
        this.issuer = issuer;
        this.issued = issued;
        this.revocation = revocation;
    }

    @GET
    @Operation(
            summary = "A stream's links, newest first",
            description =
                    "Each with its channel, UTM values, URL (rebuilt for H5 and MINI_PROGRAM links;"
                            + " null for ENTERPRISE member links, which carry memberId), expiry and"
                            + " revocation. A tenant admin and the stream's creator see all, another"
                            + " member the member links issued to them. Another tenant's stream: 404"
                            + " not-found; page and size out of range: 400 invalid-request.")
    public List<ListedLink> list(
            @PathParam("streamId") String streamId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return issued.ofStream(streamId, page, size);
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
