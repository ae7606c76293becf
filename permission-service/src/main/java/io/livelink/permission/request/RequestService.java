package io.livelink.permission.request;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.refusal.Conflict;
import io.livelink.commons.refusal.DomainRefusal;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.refusal.Refused;
import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import io.livelink.commons.security.TenantScopedQuery;
import io.livelink.events.BroadcastPermissionRejected;
import io.livelink.events.BroadcastPermissionRequestCancelled;
import io.livelink.events.BroadcastPermissionRequestExpired;
import io.livelink.events.BroadcastPermissionRequested;
import io.livelink.events.RequestPurpose;
import io.livelink.permission.audit.AuditTrail;
import io.livelink.permission.directory.Member;
import io.livelink.permission.directory.MemberDeparted;
import io.livelink.permission.grant.BroadcastGrant;
import io.livelink.permission.grant.GrantView;
import io.livelink.permission.grant.Grants;
import io.livelink.permission.tenant.Tenant;
import io.livelink.permission.webhook.Webhooks;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Feishu-style flow: a member asks, a tenant admin decides. Decisions lock the request row, so
 * two admins deciding at once produce one outcome, and repeating a decision is a no-op. Every state
 * change is announced on Kafka, to the tenant's webhook and in the audit trail, all in the
 * transaction of the change.
 */
@ApplicationScoped
public class RequestService {

    private final Caller caller;
    private final Grants grants;
    private final EventPublisher events;
    private final Webhooks webhooks;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration requestTtl;

    public RequestService(
            Caller caller,
            Grants grants,
            EventPublisher events,
            Webhooks webhooks,
            AuditTrail audit,
            Clock clock,
            RequestSettings settings) {
        this.caller = caller;
        this.grants = grants;
        this.events = events;
        this.webhooks = webhooks;
        this.audit = audit;
        this.clock = clock;
        this.requestTtl = settings.requestTtl();
    }

    @Transactional
    public RequestView create(CreateRequest body) {
        String tenantId = caller.tenantId();
        String memberId = caller.memberId();
        Tenant tenant = Tenant.findById(tenantId);
        // 未开通企业直播服务时, 成员可以申请安装 (reference 001): asking to install is what a member
        // does while the service is off; the approval holds once an admin enables it. Using the app
        // or broadcasting needs the service on.
        boolean asksToInstall = body.purpose() == RequestPurpose.INSTALL_APP;
        if (tenant == null || (!tenant.liveServiceEnabled && !asksToInstall)) {
            throw Refused.notAllowed(
                    "live-service-disabled",
                    "the live service is not enabled for tenant " + tenantId);
        }
        Member member = Member.findById(new Member.Key(tenantId, memberId));
        if (member == null || !member.isActive()) {
            throw Refused.notAllowed(
                    "not-a-member", memberId + " is not a member of tenant " + tenantId);
        }
        Instant now = clock.instant();
        PermissionRequest request = new PermissionRequest();
        request.id = UUID.randomUUID().toString();
        request.tenantId = tenantId;
        request.memberId = memberId;
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
        announce(request, "permission-request.requested", caller.memberId(), request.reason);
        return RequestView.of(request);
    }

    @Transactional
    public RequestView get(String id) {
        return RequestView.of(visible(id));
    }

    /**
     * A member lists their own requests, a tenant admin the tenant's inbox, a platform admin any.
     */
    @Transactional
    public List<RequestView> list(String tenantFilter, RequestStatus status, int page, int size) {
        boolean ownOnly = !caller.is(Roles.TENANT_ADMIN) && !caller.isPlatformAdmin();
        TenantScopedQuery query =
                TenantScopedQuery.visibleTo(caller, tenantFilter)
                        .and("memberId = :member", "member", ownOnly ? caller.memberId() : null)
                        .and("status = :status", "status", status);
        PanacheQuery<PermissionRequest> found =
                PermissionRequest.find(query.orderedBy("requestedAt desc"), query.parameters());
        return found.page(page, size).list().stream().map(RequestView::of).toList();
    }

    /** Approves; a BROADCAST request also creates the member's grant and sub-account. */
    @Transactional
    public Approval approve(String id, Decision decision) {
        PermissionRequest request = lockedForDecision(id);
        if (request.status == RequestStatus.APPROVED) {
            return approvalOf(request);
        }
        requirePending(request);
        Duration validFor = decision != null ? decision.validFor() : null;
        requirePositive(validFor);
        Instant now = clock.instant();
        request.status = RequestStatus.APPROVED;
        request.decidedBy = caller.memberId();
        request.decidedAt = now;
        request.decisionComment = decision != null ? decision.comment() : null;
        if (request.purpose == RequestPurpose.BROADCAST) {
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
        announce(
                request, "permission-request.approved", request.decidedBy, request.decisionComment);
        return approvalOf(request);
    }

    /**
     * Approves each request on its own: one that cannot be approved does not stop the others. A
     * validity that is not positive refuses the whole call before any decision.
     */
    public List<BulkResult> approveAll(List<String> ids, Decision decision) {
        requirePositive(decision.validFor());
        return decideEach(
                ids,
                id -> {
                    Approval approval = approve(id, decision);
                    return new BulkResult(
                            id,
                            approval.request().status(),
                            approval.grant() != null ? approval.grant().id() : null,
                            null,
                            null);
                });
    }

    /** Rejects each request on its own, like {@link #approveAll}. */
    public List<BulkResult> rejectAll(List<String> ids, Decision decision) {
        return decideEach(
                ids, id -> new BulkResult(id, reject(id, decision).status(), null, null, null));
    }

    /** Each decision runs in its own transaction; a refusal is reported, not thrown. */
    private static List<BulkResult> decideEach(
            List<String> ids, java.util.function.Function<String, BulkResult> decide) {
        return ids.stream()
                .distinct()
                .map(
                        id -> {
                            try {
                                return decide.apply(id);
                            } catch (DomainRefusal refused) {
                                return new BulkResult(
                                        id, null, null, refused.reason(), refused.detail());
                            }
                        })
                .toList();
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
        announce(
                request, "permission-request.rejected", request.decidedBy, request.decisionComment);
        return RequestView.of(request);
    }

    /** The requester withdraws their own pending request. */
    @Transactional
    public RequestView cancel(String id) {
        PermissionRequest request =
                PermissionRequest.lockInTenant(caller.tenantId(), id)
                        .filter(r -> r.memberId.equals(caller.memberId()))
                        .orElseThrow(() -> new NotFound("permission request", id));
        if (request.status == RequestStatus.CANCELLED) {
            return RequestView.of(request);
        }
        requirePending(request);
        close(request, RequestStatus.CANCELLED, caller.memberId());
        return RequestView.of(request);
    }

    /** Expires one pending request whose time is up; called by {@link RequestExpiry}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean expireIfDue(String id) {
        PermissionRequest request =
                PermissionRequest.<PermissionRequest>findByIdOptional(
                                id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                        .orElse(null);
        if (request == null
                || request.status != RequestStatus.PENDING
                || clock.instant().isBefore(request.expiresAt)) {
            return false;
        }
        close(request, RequestStatus.EXPIRED, AuditTrail.SYSTEM);
        return true;
    }

    /** A member who leaves has their pending requests cancelled. */
    void onMemberDeparted(@Observes MemberDeparted departed) {
        PermissionRequest.<PermissionRequest>list(
                        "tenantId = ?1 and memberId = ?2 and status = ?3",
                        departed.tenantId(),
                        departed.memberId(),
                        RequestStatus.PENDING)
                .forEach(request -> close(request, RequestStatus.CANCELLED, AuditTrail.SYSTEM));
    }

    private void close(PermissionRequest request, RequestStatus status, String by) {
        Instant now = clock.instant();
        request.status = status;
        request.decidedBy = by;
        request.decidedAt = now;
        if (status == RequestStatus.EXPIRED) {
            events.publish(
                    new BroadcastPermissionRequestExpired(
                            request.id, request.tenantId, request.memberId, now));
            announce(request, "permission-request.expired", by, null);
        } else {
            events.publish(
                    new BroadcastPermissionRequestCancelled(
                            request.id, request.tenantId, request.memberId, now));
            announce(request, "permission-request.cancelled", by, null);
        }
    }

    public record Approval(RequestView request, GrantView grant) {}

    /** One line of a bulk approval: the outcome, or the problem's reason and detail. */
    public record BulkResult(
            String id, RequestStatus status, String grantId, String reason, String detail) {}

    private void announce(PermissionRequest request, String type, String actor, String why) {
        RequestView view = RequestView.of(request);
        webhooks.notify(request.tenantId, type, "request", view);
        Map<String, Object> details = new HashMap<>();
        details.put("purpose", request.purpose);
        details.put("memberId", request.memberId);
        if (request.grantId != null) {
            details.put("grantId", request.grantId);
        }
        if (AuditTrail.SYSTEM.equals(actor)) {
            audit.recordBySystem(
                    request.tenantId, type, "permission-request", request.id, why, details);
        } else {
            audit.record(request.tenantId, type, "permission-request", request.id, why, details);
        }
    }

    private Approval approvalOf(PermissionRequest request) {
        GrantView grant =
                request.grantId != null
                        ? GrantView.of(BroadcastGrant.<BroadcastGrant>findById(request.grantId))
                        : null;
        return new Approval(RequestView.of(request), grant);
    }

    private PermissionRequest lockedForDecision(String id) {
        PermissionRequest request =
                PermissionRequest.<PermissionRequest>findByIdOptional(
                                id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                        .orElseThrow(() -> new NotFound("permission request", id));
        caller.requireAccessTo(request.tenantId, "permission request", id);
        return request;
    }

    private static void requirePositive(Duration validFor) {
        if (validFor != null && (validFor.isNegative() || validFor.isZero())) {
            throw new InvalidInput("validFor", "must be a positive duration");
        }
    }

    /** A pending request past its expiry is expired now, and a decision on it conflicts. */
    private void requirePending(PermissionRequest request) {
        if (request.status == RequestStatus.PENDING
                && !clock.instant().isBefore(request.expiresAt)) {
            // The expiry job records and announces it; this refusal changes nothing.
            throw new Conflict("request-expired", "the request expired at " + request.expiresAt);
        }
        if (request.status != RequestStatus.PENDING) {
            throw new Conflict(
                    "request-" + request.status.name().toLowerCase(),
                    "the request is " + request.status + " and can no longer be decided");
        }
    }

    /** A member sees only their own requests; another tenant's are absent. */
    private PermissionRequest visible(String id) {
        PermissionRequest request = PermissionRequest.findById(id);
        if (request == null) {
            throw new NotFound("permission request", id);
        }
        caller.requireAccessTo(request.tenantId, "permission request", id);
        if (!caller.isPlatformAdmin()
                && !caller.is(Roles.TENANT_ADMIN)
                && !request.memberId.equals(caller.memberId())) {
            throw new NotFound("permission request", id);
        }
        return request;
    }
}
