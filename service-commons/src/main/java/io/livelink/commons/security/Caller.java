package io.livelink.commons.security;

import io.livelink.commons.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
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
            throw ProblemException.forbidden(
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
}
