package io.livelink.permission.directory;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.personaldata.Phones;
import io.livelink.commons.refusal.Conflict;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.commons.refusal.NotFound;
import io.livelink.events.MemberJoined;
import io.livelink.events.MemberLeft;
import io.livelink.permission.audit.AuditTrail;
import io.livelink.permission.directory.DirectoryViews.CreateMember;
import io.livelink.permission.directory.DirectoryViews.CreateOrganisation;
import io.livelink.permission.directory.DirectoryViews.MemberView;
import io.livelink.permission.directory.DirectoryViews.OrganisationView;
import io.livelink.permission.directory.DirectoryViews.UpdateMember;
import io.livelink.permission.tenant.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant's directory: organisations, members, their roles. */
@ApplicationScoped
public class DirectoryService {

    private final TenantService tenants;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final Event<MemberDeparted> departures;
    private final EntityManager entityManager;
    private final Clock clock;

    public DirectoryService(
            TenantService tenants,
            EventPublisher events,
            AuditTrail audit,
            Event<MemberDeparted> departures,
            EntityManager entityManager,
            Clock clock) {
        this.tenants = tenants;
        this.events = events;
        this.audit = audit;
        this.departures = departures;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public OrganisationView createOrganisation(String tenantId, CreateOrganisation body) {
        tenants.visible(tenantId);
        if (body.parentId() != null) {
            organisation(tenantId, body.parentId(), "parentId");
        }
        Organisation organisation = new Organisation();
        organisation.id = UUID.randomUUID().toString();
        organisation.tenantId = tenantId;
        organisation.name = body.name().strip();
        organisation.parentId = body.parentId();
        organisation.createdAt = clock.instant();
        organisation.persist();
        audit.record(
                tenantId,
                "organisation.created",
                "organisation",
                organisation.id,
                null,
                details("name", organisation.name, "parentId", organisation.parentId));
        return OrganisationView.of(organisation);
    }

    @Transactional
    public List<OrganisationView> organisations(String tenantId) {
        tenants.visible(tenantId);
        return Organisation.<Organisation>list("tenantId = ?1 order by name", tenantId).stream()
                .map(OrganisationView::of)
                .toList();
    }

    @Transactional
    public void deleteOrganisation(String tenantId, String organisationId) {
        tenants.visible(tenantId);
        Organisation organisation = organisation(tenantId, organisationId, "organisationId");
        if (Organisation.count("parentId", organisationId) > 0
                || Member.count(
                                "tenantId = ?1 and organisationId = ?2 and status = ?3",
                                tenantId,
                                organisationId,
                                Member.ACTIVE)
                        > 0) {
            throw new Conflict(
                    "organisation-not-empty",
                    "the organisation still has sub-organisations or members");
        }
        Member.update(
                "organisationId = null where tenantId = ?1 and organisationId = ?2",
                tenantId,
                organisationId);
        organisation.delete();
        audit.record(
                tenantId,
                "organisation.deleted",
                "organisation",
                organisationId,
                null,
                details("name", organisation.name));
    }

    @Transactional
    public MemberView addMember(String tenantId, CreateMember body) {
        tenants.visible(tenantId);
        return MemberView.of(add(tenantId, body));
    }

    /**
     * Adds a validated member inside the caller's transaction; used by single adds and imports
     * alike. Not intercepted, so an import can report a refused row and go on.
     */
    Member add(String tenantId, CreateMember body) {
        return admit(tenantId, body, null);
    }

    /**
     * Admits a training class's student on the system's behalf (no caller), inside the caller's
     * transaction: the same checks and MemberJoined as any add, audited as the class sync's doing.
     * Not intercepted, so a refused student leaves the sync's transaction usable.
     *
     * @throws Conflict the id or account is taken, as for {@link #addMember}
     */
    public Member admitStudent(String tenantId, CreateMember student, String classCode) {
        return admit(tenantId, student, classCode);
    }

    private Member admit(String tenantId, CreateMember body, String byClassSync) {
        if (body.organisationId() != null) {
            organisation(tenantId, body.organisationId(), "organisationId");
        }
        String id = body.id() != null ? body.id() : UUID.randomUUID().toString();
        Member existing = Member.findById(new Member.Key(tenantId, id));
        if (existing != null && existing.isActive()) {
            throw new Conflict("member-exists", "member " + id + " exists already");
        }
        if (accountTaken(tenantId, body.account())) {
            throw new Conflict(
                    "account-taken", "account " + body.account() + " belongs to another member");
        }
        Member member = existing != null ? existing : new Member();
        member.tenantId = tenantId;
        member.id = id;
        member.account = body.account().strip();
        member.displayName = body.displayName().strip();
        member.email = body.email();
        member.phone = body.phone();
        member.organisationId = body.organisationId();
        member.roles = body.roles() == null ? "" : String.join(",", body.roles());
        member.status = Member.ACTIVE;
        member.joinedAt = clock.instant();
        member.leftAt = null;
        member.persist();
        events.publish(
                new MemberJoined(
                        tenantId, member.id, member.account, member.displayName, member.joinedAt));
        Map<String, Object> details =
                details(
                        "account",
                        member.account,
                        "organisationId",
                        member.organisationId,
                        "classCode",
                        byClassSync);
        if (byClassSync != null) {
            audit.recordBySystem(tenantId, "member.joined", "member", member.id, null, details);
        } else {
            audit.record(tenantId, "member.joined", "member", member.id, null, details);
        }
        return member;
    }

    boolean accountTaken(String tenantId, String account) {
        return Member.count(
                        "tenantId = ?1 and lower(account) = lower(?2) and status = ?3",
                        tenantId,
                        account.strip(),
                        Member.ACTIVE)
                > 0;
    }

    @Transactional
    public MemberView member(String tenantId, String memberId) {
        tenants.visible(tenantId);
        return MemberView.of(activeMember(tenantId, memberId));
    }

    @Transactional
    public MemberView update(String tenantId, String memberId, UpdateMember body) {
        tenants.visible(tenantId);
        Member member = activeMember(tenantId, memberId);
        Map<String, Object> changed = new LinkedHashMap<>();
        if (body.displayName() != null) {
            member.displayName = body.displayName().strip();
            changed.put("displayName", member.displayName);
        }
        if (body.email() != null) {
            member.email = body.email();
            changed.put("email", member.email);
        }
        if (body.phone() != null) {
            member.phone = body.phone();
            changed.put("phone", Phones.mask(member.phone));
        }
        if (body.roles() != null) {
            member.roles = String.join(",", body.roles());
            changed.put("roles", body.roles());
        }
        audit.record(tenantId, "member.updated", "member", memberId, null, changed);
        return MemberView.of(member);
    }

    @Transactional
    public MemberView move(String tenantId, String memberId, String organisationId) {
        tenants.visible(tenantId);
        Member member = activeMember(tenantId, memberId);
        if (organisationId != null) {
            organisation(tenantId, organisationId, "organisationId");
        }
        String from = member.organisationId;
        member.organisationId = organisationId;
        audit.record(
                tenantId,
                "member.moved",
                "member",
                memberId,
                null,
                details("from", from, "to", organisationId));
        return MemberView.of(member);
    }

    /** The member leaves the tenant: their grants end and their pending requests close. */
    @Transactional
    public void leave(String tenantId, String memberId, String reason) {
        tenants.visible(tenantId);
        Member member =
                Member.findById(new Member.Key(tenantId, memberId), LockModeType.PESSIMISTIC_WRITE);
        if (member == null || !member.isActive()) {
            throw new NotFound("member", memberId);
        }
        Instant now = clock.instant();
        member.status = Member.LEFT;
        member.leftAt = now;
        events.publish(new MemberLeft(tenantId, memberId, now));
        audit.record(tenantId, "member.left", "member", memberId, reason, Map.of());
        departures.fire(new MemberDeparted(tenantId, memberId));
    }

    /**
     * Fuzzy, case-insensitive search by name or account: substrings match, and so do names that are
     * merely similar (trigram similarity), best matches first.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<MemberView> search(
            String tenantId,
            String query,
            String organisationId,
            boolean includeLeft,
            int page,
            int size) {
        tenants.visible(tenantId);
        StringBuilder sql =
                new StringBuilder("select m.* from member m where m.tenant_id = :tenant");
        if (!includeLeft) {
            sql.append(" and m.status = 'ACTIVE'");
        }
        if (organisationId != null) {
            sql.append(" and m.organisation_id = :organisation");
        }
        String q = query == null ? null : query.strip().toLowerCase();
        if (q != null && !q.isEmpty()) {
            sql.append(
                            " and (lower(m.display_name) like :contains escape '\\' or lower(m.account) like :contains escape '\\'")
                    .append(
                            " or similarity(lower(m.display_name), :q) > 0.3 or similarity(lower(m.account), :q) > 0.3)")
                    .append(
                            " order by greatest(similarity(lower(m.display_name), :q), similarity(lower(m.account), :q)) desc, m.display_name");
        } else {
            sql.append(" order by m.display_name");
        }
        var select =
                entityManager
                        .createNativeQuery(sql.toString(), Member.class)
                        .setParameter("tenant", tenantId);
        if (organisationId != null) {
            select.setParameter("organisation", organisationId);
        }
        if (q != null && !q.isEmpty()) {
            select.setParameter("q", q)
                    .setParameter(
                            "contains",
                            "%"
                                    + q.replace("\\", "\\\\")
                                            .replace("%", "\\%")
                                            .replace("_", "\\_")
                                    + "%");
        }
        return ((List<Member>)
                        select.setFirstResult(page * size).setMaxResults(size).getResultList())
                .stream().map(MemberView::of).toList();
    }

    private static Member activeMember(String tenantId, String memberId) {
        Member member = Member.findById(new Member.Key(tenantId, memberId));
        if (member == null || !member.isActive()) {
            throw new NotFound("member", memberId);
        }
        return member;
    }

    private static Organisation organisation(String tenantId, String organisationId, String field) {
        Organisation organisation = Organisation.findById(organisationId);
        if (organisation == null || !organisation.tenantId.equals(tenantId)) {
            throw new InvalidInput(field, "no organisation " + organisationId + " in this tenant");
        }
        return organisation;
    }

    private static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                details.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return details;
    }
}
