package io.livelink.permission.request;

import io.livelink.events.RequestPurpose;
import java.time.Instant;

public record RequestView(
        String id,
        String tenantId,
        String memberId,
        RequestPurpose purpose,
        String reason,
        RequestStatus status,
        Instant requestedAt,
        Instant expiresAt,
        String decidedBy,
        Instant decidedAt,
        String decisionComment,
        String grantId) {

    static RequestView of(PermissionRequest r) {
        return new RequestView(
                r.id,
                r.tenantId,
                r.memberId,
                r.purpose,
                r.reason,
                r.status,
                r.requestedAt,
                r.expiresAt,
                r.decidedBy,
                r.decidedAt,
                r.decisionComment,
                r.grantId);
    }
}
