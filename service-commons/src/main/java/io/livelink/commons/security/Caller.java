package io.livelink.commons.security;

import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.refusal.Refused;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, read from the verified JWT: their tenant, member id and roles. */
@RequestScoped
public class Caller {

    private final JsonWebToken jwt;

    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    /** The caller's tenant; a token without one may not touch tenant data. */
    public String tenantId() {
        String tenant = jwt.getClaim(Roles.TENANT_CLAIM);
        if (tenant == null || tenant.isBlank()) {
            throw Refused.notAllowed(
                    "no-tenant", "the token carries no '" + Roles.TENANT_CLAIM + "' claim");
        }
        return tenant;
    }

    /** The caller's member id: the {@code member} claim, else the subject. */
    public String memberId() {
        String member = jwt.getClaim(Roles.MEMBER_CLAIM);
        return member != null && !member.isBlank() ? member : jwt.getSubject();
    }

    public boolean is(String role) {
        return jwt.getGroups() != null && jwt.getGroups().contains(role);
    }

    public boolean isPlatformAdmin() {
        return is(Roles.PLATFORM_ADMIN);
    }

    /**
     * The tenant a listing covers: a platform admin may name one or see all (empty); anyone else
     * sees their own tenant, and naming another answers as if it had nothing.
     */
    public Optional<String> tenantScope(String requestedTenant) {
        if (isPlatformAdmin()) {
            return Optional.ofNullable(requestedTenant).filter(t -> !t.isBlank());
        }
        String own = tenantId();
        if (requestedTenant != null && !requestedTenant.isBlank() && !requestedTenant.equals(own)) {
            throw new NotFound("tenant", requestedTenant);
        }
        return Optional.of(own);
    }

    /**
     * Allows a platform admin any tenant and anyone else only their own; another tenant answers
     * 404, never revealing that it exists.
     */
    public void requireAccessTo(String tenantId, String what, String id) {
        if (!isPlatformAdmin() && !tenantId.equals(tenantId())) {
            throw new NotFound(what, id);
        }
    }
}
