package io.livelink.link.issue;

import io.livelink.commons.security.Roles;
import io.livelink.link.revoke.LinkRevocation;
import io.livelink.link.revoke.RevocationResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/members/{memberId}/links")
@Tag(name = "Links")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MEMBER})
public class MemberLinksResource {

    private final IssuedLinks links;
    private final LinkRevocation revocation;

    public MemberLinksResource(IssuedLinks links, LinkRevocation revocation) {
        this.links = links;
        this.revocation = revocation;
    }

    // Here rather than in RevocationResource: a root resource at /members/{memberId}/links is
    // chosen for every path under it, so both of a member's link operations live on it.
    @POST
    @Path("/revoke")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Revoke every link a member holds")
    public RevocationResource.Revoked revokeAll(
            @PathParam("memberId") String memberId,
            @QueryParam("reason") @Size(max = 2000) String reason) {
        return new RevocationResource.Revoked(revocation.revokeMember(memberId, reason));
    }

    @GET
    @Operation(
            summary = "The member links issued to a member, newest first",
            description =
                    "ENTERPRISE links of the caller's tenant with their channel, UTM values, expiry"
                            + " and revocation (the signed URL itself is not listed). A tenant admin"
                            + " asks for any member, a member for themselves (else 403"
                            + " forbidden-role); page and size out of range: 400 invalid-request.")
    public List<ListedLink> list(
            @PathParam("memberId") String memberId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return links.ofMember(memberId, page, size);
    }
}
