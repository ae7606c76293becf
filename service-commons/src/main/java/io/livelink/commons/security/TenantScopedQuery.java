package io.livelink.commons.security;

import java.util.HashMap;
import java.util.Map;

/**
 * A Panache query confined to what the caller may see: their own tenant, or for a platform admin
 * the tenant asked for or all. Further filters are added only when given.
 */
public final class TenantScopedQuery {

    private final StringBuilder where = new StringBuilder("1 = 1");
    private final Map<String, Object> parameters = new HashMap<>();

    private TenantScopedQuery() {}

    /** Filters on the entity's {@code tenantId} per {@link Caller#tenantScope}. */
    public static TenantScopedQuery visibleTo(Caller caller, String requestedTenant) {
        TenantScopedQuery query = new TenantScopedQuery();
        caller.tenantScope(requestedTenant)
                .ifPresent(tenant -> query.and("tenantId = :tenant", "tenant", tenant));
        return query;
    }

    /** Adds {@code condition} with its parameter, unless the value is null (no filter asked). */
    public TenantScopedQuery and(String condition, String parameter, Object value) {
        if (value != null) {
            where.append(" and ").append(condition);
            parameters.put(parameter, value);
        }
        return this;
    }

    public String orderedBy(String order) {
        return where + " order by " + order;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }
}
