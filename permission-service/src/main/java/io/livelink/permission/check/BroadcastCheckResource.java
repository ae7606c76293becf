package io.livelink.permission.check;

import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import io.livelink.events.BroadcastPolicy;
import io.livelink.permission.directory.Member;
import io.livelink.permission.grant.BroadcastGrant;
import io.livelink.permission.grant.Grants;
import io.livelink.permission.tenant.Tenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/tenants/{tenantId}/members/{memberId}/broadcast-permission")
@Tag(name = "Broadcast check")
@SecurityRequirement(name = "jwt")
public class BroadcastCheckResource {

    private final Caller caller;
    private final Clock clock;

    public BroadcastCheckResource(Caller caller, Clock clock) {
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * @param reason one of live-service-disabled, not-a-member, policy-all-members, granted,
     *     no-grant
     */
    public record BroadcastCheck(
            String tenantId,
            String memberId,
            boolean mayBroadcast,
            String reason,
            String grantId,
            Instant until) {}

    @GET
    @Transactional
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.SERVICE, Roles.MEMBER})
    @Operation(summary = "May member M of tenant T broadcast now, and why")
    public BroadcastCheck check(
            @PathParam("tenantId") String tenantId, @PathParam("memberId") String memberId) {
        if (!caller.is(Roles.SERVICE)) {
            caller.requireAccessTo(tenantId, "tenant", tenantId);
        }
        if (caller.is(Roles.MEMBER) && !memberId.equals(caller.memberId())) {
            throw new NotFound("member", memberId);
        }
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant == null) {
            throw new NotFound("tenant", tenantId);
        }
        if (!tenant.liveServiceEnabled) {
            return new BroadcastCheck(
                    tenantId, memberId, false, "live-service-disabled", null, null);
        }
        Member member = Member.findById(new Member.Key(tenantId, memberId));
        if (member == null || !member.isActive()) {
            return new BroadcastCheck(tenantId, memberId, false, "not-a-member", null, null);
        }
        if (tenant.broadcastPolicy == BroadcastPolicy.ALL_MEMBERS) {
            return new BroadcastCheck(tenantId, memberId, true, "policy-all-members", null, null);
        }
        Optional<BroadcastGrant> grant = Grants.activeGrant(tenantId, memberId, clock.instant());
        return grant.map(
                        g ->
                                new BroadcastCheck(
                                        tenantId, memberId, true, "granted", g.id, g.expiresAt))
                .orElseGet(
                        () ->
                                new BroadcastCheck(
                                        tenantId, memberId, false, "no-grant", null, null));
    }
}
