package io.livelink.console.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who signs in for development: a role, the tenant (not for a platform admin) and the member id (a
 * tenant admin's defaults to {@code admin-of-{tenant}}, as {@code ./livelink token} does).
 */
public record DevIdentity(String role, String tenant, String member) {

    static final Set<String> ROLES = Set.of("platform-admin", "tenant-admin", "member");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

    /** The identity the request asks for, or the fields it gets wrong. */
    static Result of(String role, String tenant, String member) {
        List<FieldError> errors = new ArrayList<>();
        String cleanTenant = blankToNull(tenant);
        String cleanMember = blankToNull(member);
        if (role == null || !ROLES.contains(role)) {
            errors.add(new FieldError("role", "must be one of " + String.join(", ", ROLES)));
        }
        boolean tenantScoped = "tenant-admin".equals(role) || "member".equals(role);
        if (tenantScoped && cleanTenant == null) {
            errors.add(new FieldError("tenant", "must not be blank"));
        }
        if (cleanTenant != null && !ID.matcher(cleanTenant).matches()) {
            errors.add(new FieldError("tenant", "must be letters, digits, '.', '_', '@' or '-'"));
        }
        if ("member".equals(role) && cleanMember == null) {
            errors.add(new FieldError("member", "must not be blank"));
        }
        if (cleanMember != null && !ID.matcher(cleanMember).matches()) {
            errors.add(new FieldError("member", "must be letters, digits, '.', '_', '@' or '-'"));
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        if ("platform-admin".equals(role)) {
            return new Result(new DevIdentity(role, null, null), List.of());
        }
        String memberId =
                cleanMember != null
                        ? cleanMember
                        : "tenant-admin".equals(role) ? "admin-of-" + cleanTenant : null;
        return new Result(new DevIdentity(role, cleanTenant, memberId), List.of());
    }

    record Result(DevIdentity identity, List<FieldError> errors) {}

    public record FieldError(String field, String message) {
        Map<String, String> asMap() {
            return Map.of("field", field, "message", message);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
