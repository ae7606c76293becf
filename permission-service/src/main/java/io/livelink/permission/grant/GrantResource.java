package io.livelink.permission.grant;

import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/grants")
@Tag(name = "Grants")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MEMBER})
public class GrantResource {

    private final Caller caller;

    public GrantResource(Caller caller) {
        this.caller = caller;
    }

    /** A member sees their own grants; a tenant admin every grant of the tenant. */
    @GET
    @Transactional
    public List<GrantView> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        PanacheQuery<BroadcastGrant> query =
                caller.is(Roles.TENANT_ADMIN)
                        ? BroadcastGrant.find(
                                "tenantId = ?1 order by grantedAt desc", caller.tenantId())
                        : BroadcastGrant.find(
                                "tenantId = ?1 and memberId = ?2 order by grantedAt desc",
                                caller.tenantId(),
                                caller.memberId());
        return query.page(page, size).list().stream().map(GrantView::of).toList();
    }
}
