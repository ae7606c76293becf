package io.livelink.permission.tenant;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.refusal.Conflict;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.security.Caller;
import io.livelink.events.BroadcastPolicy;
import io.livelink.events.QualificationStatus;
import io.livelink.events.StreamType;
import io.livelink.events.TenantQualificationChanged;
import io.livelink.events.TenantSettingsChanged;
import io.livelink.permission.audit.AuditTrail;
import io.livelink.permission.tenant.TenantViews.CreateTenant;
import io.livelink.permission.tenant.TenantViews.QualificationView;
import io.livelink.permission.tenant.TenantViews.TenantView;
import io.livelink.permission.tenant.TenantViews.UpdateSettings;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tenants and their qualification per stream type. MINI_PROGRAM and H5 need a platform admin's
 * review of what the tenant submits; ENTERPRISE only needs the directory, which every tenant has
 * from creation, so it is verified at once.
 */
@ApplicationScoped
public class TenantService {

    static final String DEFAULT_TIME_ZONE = "Asia/Shanghai";

    private final Caller caller;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;

    public TenantService(Caller caller, EventPublisher events, AuditTrail audit, Clock clock) {
        this.caller = caller;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public TenantView create(CreateTenant body) {
        if (Tenant.findById(body.id()) != null) {
            throw new Conflict("tenant-exists", "tenant " + body.id() + " exists already");
        }
        Instant now = clock.instant();
        Tenant tenant = new Tenant();
        tenant.id = body.id();
        tenant.name = body.name().strip();
        tenant.liveServiceEnabled = body.liveServiceEnabled() == null || body.liveServiceEnabled();
        tenant.broadcastPolicy =
                body.broadcastPolicy() != null
                        ? body.broadcastPolicy()
                        : BroadcastPolicy.SELECTED_MEMBERS;
        tenant.timeZone = validZone(body.timeZone() != null ? body.timeZone() : DEFAULT_TIME_ZONE);
        tenant.createdBy = caller.memberId();
        tenant.createdAt = now;
        tenant.persist();
        announceSettings(tenant);
        audit.record(tenant.id, "tenant.created", "tenant", tenant.id, null, settingsOf(tenant));

        TenantQualification directory = new TenantQualification();
        directory.tenantId = tenant.id;
        directory.streamType = StreamType.ENTERPRISE;
        directory.status = QualificationStatus.VERIFIED;
        directory.evidence = "enterprise directory";
        directory.submittedBy = caller.memberId();
        directory.submittedAt = now;
        directory.decidedBy = AuditTrail.SYSTEM;
        directory.decidedAt = now;
        directory.persist();
        announceQualification(directory);
        return viewOf(tenant);
    }

    @Transactional
    public TenantView get(String tenantId) {
        return viewOf(visible(tenantId));
    }

    /**
     * The tenants, by id; with {@code qualification}, only those having a qualification in that
     * status (null: all).
     */
    @Transactional
    public List<TenantView> list(QualificationStatus qualification, int page, int size) {
        if (!caller.isPlatformAdmin()) {
            TenantView own = viewOf(visible(caller.tenantId()));
            boolean matches =
                    qualification == null
                            || own.qualifications().stream()
                                    .anyMatch(q -> q.status() == qualification);
            return matches ? List.of(own) : List.of();
        }
        Sort byId = Sort.by("id");
        PanacheQuery<Tenant> tenants =
                qualification == null
                        ? Tenant.findAll(byId)
                        : Tenant.find(
                                "id in (select q.tenantId from TenantQualification q"
                                        + " where q.status = ?1)",
                                byId,
                                qualification);
        return tenants.page(page, size).list().stream().map(this::viewOf).toList();
    }

    @Transactional
    public TenantView updateSettings(String tenantId, UpdateSettings body) {
        Tenant tenant = visible(tenantId);
        Tenant.<Tenant>findById(tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (body.liveServiceEnabled() != null) {
            tenant.liveServiceEnabled = body.liveServiceEnabled();
        }
        if (body.broadcastPolicy() != null) {
            tenant.broadcastPolicy = body.broadcastPolicy();
        }
        if (body.timeZone() != null) {
            tenant.timeZone = validZone(body.timeZone());
        }
        announceSettings(tenant);
        audit.record(
                tenant.id,
                "tenant.settings-changed",
                "tenant",
                tenant.id,
                null,
                settingsOf(tenant));
        return viewOf(tenant);
    }

    /** The tenant asks for a stream type; resubmitting after a rejection starts a new review. */
    @Transactional
    public QualificationView submit(String tenantId, StreamType type, String evidence) {
        Tenant tenant = visible(tenantId);
        TenantQualification qualification = locked(tenant.id, type);
        if (qualification != null && qualification.status == QualificationStatus.VERIFIED) {
            throw new Conflict("already-verified", type + " is verified already");
        }
        if (qualification == null) {
            qualification = new TenantQualification();
            qualification.tenantId = tenant.id;
            qualification.streamType = type;
        }
        qualification.status = QualificationStatus.PENDING;
        qualification.evidence = evidence;
        qualification.reason = null;
        qualification.submittedBy = caller.memberId();
        qualification.submittedAt = clock.instant();
        qualification.decidedBy = null;
        qualification.decidedAt = null;
        qualification.persist();
        announceQualification(qualification);
        audit.record(
                tenant.id,
                "qualification.submitted",
                "qualification",
                tenant.id + "/" + type,
                null,
                Map.of("evidence", evidence));
        return QualificationView.of(qualification);
    }

    /** A platform admin's decision; repeating the same decision changes nothing. */
    @Transactional
    public QualificationView decide(
            String tenantId, StreamType type, QualificationStatus decision, String reason) {
        Tenant tenant = visible(tenantId);
        TenantQualification qualification = locked(tenant.id, type);
        if (qualification == null) {
            throw new NotFound("qualification", tenantId + "/" + type);
        }
        if (qualification.status == decision) {
            return QualificationView.of(qualification);
        }
        if (qualification.status != QualificationStatus.PENDING) {
            throw new Conflict(
                    "qualification-decided",
                    type + " was already decided: " + qualification.status);
        }
        qualification.status = decision;
        qualification.reason = reason;
        qualification.decidedBy = caller.memberId();
        qualification.decidedAt = clock.instant();
        announceQualification(qualification);
        audit.record(
                tenant.id,
                decision == QualificationStatus.VERIFIED
                        ? "qualification.verified"
                        : "qualification.rejected",
                "qualification",
                tenant.id + "/" + type,
                reason,
                Map.of());
        return QualificationView.of(qualification);
    }

    /** The {@code qualification} filter of the tenant list: null when not given. */
    static QualificationStatus qualificationStatus(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return QualificationStatus.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("qualification", "must be one of PENDING, VERIFIED, REJECTED");
        }
    }

    /** The tenant if the caller may see it; another tenant's answers 404. */
    public Tenant visible(String tenantId) {
        caller.requireAccessTo(tenantId, "tenant", tenantId);
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant == null) {
            throw new NotFound("tenant", tenantId);
        }
        return tenant;
    }

    private static TenantQualification locked(String tenantId, StreamType type) {
        return TenantQualification.findById(
                new TenantQualification.Key(tenantId, type), LockModeType.PESSIMISTIC_WRITE);
    }

    private void announceSettings(Tenant tenant) {
        events.publish(
                new TenantSettingsChanged(
                        tenant.id,
                        tenant.liveServiceEnabled,
                        tenant.broadcastPolicy,
                        tenant.timeZone,
                        clock.instant()));
    }

    private void announceQualification(TenantQualification q) {
        events.publish(
                new TenantQualificationChanged(
                        q.tenantId, q.streamType, q.status, q.reason, clock.instant()));
    }

    private TenantView viewOf(Tenant tenant) {
        List<QualificationView> qualifications =
                TenantQualification.<TenantQualification>list(
                                "tenantId = ?1 order by streamType", tenant.id)
                        .stream()
                        .map(QualificationView::of)
                        .toList();
        return new TenantView(
                tenant.id,
                tenant.name,
                tenant.liveServiceEnabled,
                tenant.broadcastPolicy,
                tenant.timeZone,
                tenant.createdAt,
                qualifications);
    }

    private static Map<String, Object> settingsOf(Tenant tenant) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("liveServiceEnabled", tenant.liveServiceEnabled);
        settings.put("broadcastPolicy", tenant.broadcastPolicy);
        settings.put("timeZone", tenant.timeZone);
        return settings;
    }

    private static String validZone(String zone) {
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            throw new InvalidInput("timeZone", "is not a time zone: " + zone);
        }
    }
}
