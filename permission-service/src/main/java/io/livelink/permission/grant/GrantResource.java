package io.livelink.permission.grant;

import io.livelink.commons.refusal.InvalidInput;
import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import io.livelink.commons.security.TenantScopedQuery;
import io.livelink.permission.directory.Member;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/grants")
@Tag(name = "Grants")
@SecurityRequirement(name = "jwt")
public class GrantResource {

    private final Caller caller;
    private final Grants grants;
    private final Clock clock;

    public GrantResource(Caller caller, Grants grants, Clock clock) {
        this.caller = caller;
        this.grants = grants;
        this.clock = clock;
    }

    public record DirectGrant(
            @NotBlank String memberId, Duration validFor, @Size(max = 2000) String reason) {}

    public record Revocation(@Size(max = 2000) String reason) {}

    /**
     * A member sees their own grants; a tenant admin the tenant's; a platform admin any tenant's.
     */
    @GET
    @Transactional
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.MEMBER, Roles.PLATFORM_ADMIN})
    public List<GrantView> list(
            @QueryParam("tenantId") String tenantId,
            @QueryParam("memberId") String memberId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        String member = caller.is(Roles.MEMBER) ? caller.memberId() : memberId;
        TenantScopedQuery query =
                TenantScopedQuery.visibleTo(caller, tenantId)
                        .and("memberId = :member", "member", member);
        return BroadcastGrant.<BroadcastGrant>find(
                        query.orderedBy("grantedAt desc"), query.parameters())
                .page(page, size)
                .list()
                .stream()
                .map(GrantView::of)
                .toList();
    }

    @POST
    @Transactional
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Grant broadcast permission directly, without a request")
    public Response grant(@Valid @NotNull DirectGrant body) {
        String tenantId = caller.tenantId();
        Member member = Member.findById(new Member.Key(tenantId, body.memberId()));
        if (member == null || !member.isActive()) {
            throw new InvalidInput(
                    "memberId", "no active member " + body.memberId() + " in this tenant");
        }
        if (body.validFor() != null && (body.validFor().isNegative() || body.validFor().isZero())) {
            throw new InvalidInput("validFor", "must be a positive duration");
        }
        BroadcastGrant grant =
                grants.grant(
                        tenantId,
                        body.memberId(),
                        null,
                        caller.memberId(),
                        clock.instant(),
                        body.validFor());
        return Response.status(Response.Status.CREATED).entity(GrantView.of(grant)).build();
    }

    @POST
    @Path("/{grantId}/revoke")
    @Transactional
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary = "Revoke a grant",
            description =
                    "link-service refuses the member's new streams and publishes once the event arrives.")
    public GrantView revoke(@PathParam("grantId") String grantId, @Valid Revocation body) {
        BroadcastGrant grant = Grants.inTenant(caller.tenantId(), grantId);
        return GrantView.of(
                grants.revoke(grant, caller.memberId(), body != null ? body.reason() : null));
    }
}
