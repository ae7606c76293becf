package io.livelink.permission.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livelink.commons.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;

/**
 * Records who did what, when and why, in the transaction of the change itself: an entry exists
 * exactly when the change does.
 */
@ApplicationScoped
public class AuditTrail {

    /** The actor of changes the service makes by itself (expiry, retries). */
    public static final String SYSTEM = "system";

    private final Caller caller;
    private final Clock clock;
    private final ObjectMapper json;

    public AuditTrail(Caller caller, Clock clock, ObjectMapper json) {
        this.caller = caller;
        this.clock = clock;
        this.json = json;
    }

    /** Records an action of the calling user. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(
            String tenantId,
            String action,
            String subjectType,
            String subjectId,
            String reason,
            Map<String, ?> details) {
        append(tenantId, caller.memberId(), action, subjectType, subjectId, reason, details);
    }

    /** Records an action the service took by itself. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordBySystem(
            String tenantId,
            String action,
            String subjectType,
            String subjectId,
            String reason,
            Map<String, ?> details) {
        append(tenantId, SYSTEM, action, subjectType, subjectId, reason, details);
    }

    private void append(
            String tenantId,
            String actor,
            String action,
            String subjectType,
            String subjectId,
            String reason,
            Map<String, ?> details) {
        AuditEntry entry = new AuditEntry();
        entry.tenantId = tenantId;
        entry.actor = actor;
        entry.action = action;
        entry.subjectType = subjectType;
        entry.subjectId = subjectId;
        entry.reason = reason;
        try {
            entry.details =
                    details == null || details.isEmpty() ? null : json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not serialisable", e);
        }
        entry.at = clock.instant();
        entry.persist();
    }
}
