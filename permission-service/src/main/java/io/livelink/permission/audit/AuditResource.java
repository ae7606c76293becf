package io.livelink.permission.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import io.livelink.commons.security.TenantScopedQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/audit")
@Tag(name = "Audit trail")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN})
public class AuditResource {

    private final Caller caller;
    private final ObjectMapper json;

    public AuditResource(Caller caller, ObjectMapper json) {
        this.caller = caller;
        this.json = json;
    }

    public record AuditView(
            long seq,
            String tenantId,
            String actor,
            String action,
            String subjectType,
            String subjectId,
            String reason,
            JsonNode details,
            Instant at) {}

    /**
     * The trail, newest first, filtered by subject, action and time. Tenant admins see their
     * tenant's; platform admins all, or one tenant with {@code tenantId}.
     */
    @GET
    @Transactional
    public List<AuditView> list(
            @QueryParam("tenantId") String tenantId,
            @QueryParam("subjectId") String subjectId,
            @QueryParam("action") String action,
            @QueryParam("from") Instant from,
            @QueryParam("to") Instant to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        TenantScopedQuery query =
                TenantScopedQuery.visibleTo(caller, tenantId)
                        .and("subjectId = :subject", "subject", subjectId)
                        .and("action = :action", "action", action)
                        .and("at >= :from", "from", from)
                        .and("at < :to", "to", to);
        return AuditEntry.<AuditEntry>find(query.orderedBy("seq desc"), query.parameters())
                .page(page, size)
                .list()
                .stream()
                .map(
                        e ->
                                new AuditView(
                                        e.seq,
                                        e.tenantId,
                                        e.actor,
                                        e.action,
                                        e.subjectType,
                                        e.subjectId,
                                        e.reason,
                                        details(e.details),
                                        e.at))
                .toList();
    }

    /**
     * The stored JSON as a tree, absent when the entry has none (a member leaving, a qualification
     * verified): a raw value of null once failed the whole page with a 400.
     */
    private JsonNode details(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not JSON", e);
        }
    }
}
