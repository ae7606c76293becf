package io.livelink.permission.request;

import io.livelink.events.RequestPurpose;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

@Entity
@Table(name = "permission_request")
public class PermissionRequest extends PanacheEntityBase {

    @Id public String id;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "member_id")
    public String memberId;

    @Enumerated(EnumType.STRING)
    public RequestPurpose purpose;

    public String reason;

    @Enumerated(EnumType.STRING)
    public RequestStatus status;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_comment")
    public String decisionComment;

    @Column(name = "grant_id")
    public String grantId;

    /** Locked for a decision, so concurrent decisions on one request serialise. */
    static Optional<PermissionRequest> lockInTenant(String tenantId, String id) {
        return PermissionRequest.<PermissionRequest>findByIdOptional(
                        id, LockModeType.PESSIMISTIC_WRITE)
                .filter(request -> request.tenantId.equals(tenantId));
    }
}
