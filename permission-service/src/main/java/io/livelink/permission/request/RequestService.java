package io.livelink.permission.request;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.problem.ProblemException;
import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import io.livelink.events.BroadcastPermissionRejected;
import io.livelink.events.BroadcastPermissionRequested;
import io.livelink.events.RequestPurpose;
import io.livelink.permission.grant.BroadcastGrant;
import io.livelink.permission.grant.GrantView;
import io.livelink.permission.grant.Grants;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Feishu-style flow: a member asks, a tenant admin decides. Decisions lock the request row, so
 * two admins deciding at once produce one outcome, and repeating a decision is a no-op.
 */
@ApplicationScoped
public class RequestService {

    private final Caller caller;
    private final Grants grants;
    private final EventPublisher events;
    private final Clock clock;
    private final Duration requestTtl;

    public RequestService(
            Caller caller,
            Grants grants,
            EventPublisher events,
            Clock clock,
            @ConfigProperty(name = "livelink.permission.request-ttl") Duration requestTtl) {
        this.caller = caller;
        this.grants = grants;
        this.events = events;
        this.clock = clock;
        this.requestTtl = requestTtl;
    }

    @Transactional
    public RequestView create(CreateRequest body) {
        Instant now = clock.instant();
        PermissionRequest request = new PermissionRequest();
        request.id = UUID.randomUUID().toString();
        request.tenantId = caller.tenantId();
        request.memberId = caller.memberId();
        request.purpose = body.purpose();
        request.reason = body.reason().strip();
        request.status = RequestStatus.PENDING;
        request.requestedAt = now;
        request.expiresAt = now.plus(requestTtl);
        request.persist();
        events.publish(
                new BroadcastPermissionRequested(
                        request.id,
                        request.tenantId,
                        request.memberId,
                        request.purpose,
                        request.reason,
                        request.requestedAt,
                        request.expiresAt));
        return RequestView.of(request);
    }

    @Transactional
    public RequestView get(String id) {
        return RequestView.of(visible(id));
    }

    @Transactional
    public List<RequestView> list(RequestStatus status, int page, int size) {
        String tenantId = caller.tenantId();
        String statusFilter = status != null ? " and status = :status" : "";
        PanacheQuery<PermissionRequest> query =
                caller.is(Roles.TENANT_ADMIN)
                        ? PermissionRequest.find(
                                "tenantId = :tenant" + statusFilter + " order by requestedAt desc",
                                parameters(tenantId, null, status))
                        : PermissionRequest.find(
                                "tenantId = :tenant and memberId = :member"
                                        + statusFilter
                                        + " order by requestedAt desc",
                                parameters(tenantId, caller.memberId(), status));
        return query.page(page, size).list().stream().map(RequestView::of).toList();
    }

    /** Approves; a BROADCAST request also creates the member's grant and sub-account. */
    @Transactional
    public Approval approve(String id, Decision decision) {
        PermissionRequest request = lockedForDecision(id);
        if (request.status == RequestStatus.APPROVED) {
            return approvalOf(request);
        }
        requirePending(request);
        Instant now = clock.instant();
        request.status = RequestStatus.APPROVED;
        request.decidedBy = caller.memberId();
        request.decidedAt = now;
        request.decisionComment = decision != null ? decision.comment() : null;
        if (request.purpose == RequestPurpose.BROADCAST) {
            Duration validFor = decision != null ? decision.validFor() : null;
            if (validFor != null && (validFor.isNegative() || validFor.isZero())) {
                throw ProblemException.invalid("validFor", "must be a positive duration");
            }
            request.grantId =
                    grants.grant(
                                    request.tenantId,
                                    request.memberId,
                                    request.id,
                                    request.decidedBy,
                                    now,
                                    validFor)
                            .id;
        }
        return approvalOf(request);
    }

    @Transactional
    public RequestView reject(String id, Decision decision) {
        PermissionRequest request = lockedForDecision(id);
        if (request.status == RequestStatus.REJECTED) {
            return RequestView.of(request);
        }
        requirePending(request);
        request.status = RequestStatus.REJECTED;
        request.decidedBy = caller.memberId();
        request.decidedAt = clock.instant();
        request.decisionComment = decision != null ? decision.comment() : null;
        events.publish(
                new BroadcastPermissionRejected(
                        request.id,
                        request.tenantId,
                        request.memberId,
                        request.decidedBy,
                        request.decisionComment,
                        request.decidedAt));
        return RequestView.of(request);
    }

    public record Approval(RequestView request, GrantView grant) {}

    private Approval approvalOf(PermissionRequest request) {
        GrantView grant =
                request.grantId != null
                        ? GrantView.of(BroadcastGrant.<BroadcastGrant>findById(request.grantId))
                        : null;
        return new Approval(RequestView.of(request), grant);
    }

    private PermissionRequest lockedForDecision(String id) {
        return PermissionRequest.lockInTenant(caller.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("permission request", id));
    }

    /** A pending request past its expiry is expired now, and a decision on it conflicts. */
    private void requirePending(PermissionRequest request) {
        if (request.status == RequestStatus.PENDING
                && !clock.instant().isBefore(request.expiresAt)) {
            request.status = RequestStatus.EXPIRED;
        }
        if (request.status != RequestStatus.PENDING) {
            throw ProblemException.conflict(
                    "request-" + request.status.name().toLowerCase(),
                    "the request is " + request.status + " and can no longer be decided");
        }
    }

    /** A member sees only their own requests; another tenant's are absent. */
    private PermissionRequest visible(String id) {
        PermissionRequest request = PermissionRequest.findById(id);
        boolean visible =
                request != null
                        && request.tenantId.equals(caller.tenantId())
                        && (caller.is(Roles.TENANT_ADMIN)
                                || request.memberId.equals(caller.memberId()));
        if (!visible) {
            throw ProblemException.notFound("permission request", id);
        }
        return request;
    }

    private static java.util.Map<String, Object> parameters(
            String tenant, String member, RequestStatus status) {
        java.util.Map<String, Object> parameters = new java.util.HashMap<>();
        parameters.put("tenant", tenant);
        if (member != null) {
            parameters.put("member", member);
        }
        if (status != null) {
            parameters.put("status", status);
        }
        return parameters;
    }
}
