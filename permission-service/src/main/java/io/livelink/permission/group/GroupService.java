package io.livelink.permission.group;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.refusal.Conflict;
import io.livelink.commons.refusal.FieldError;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.commons.refusal.NotFound;
import io.livelink.events.DirectoryGroupChanged;
import io.livelink.permission.audit.AuditTrail;
import io.livelink.permission.directory.Member;
import io.livelink.permission.directory.MemberDeparted;
import io.livelink.permission.group.DirectoryGroup.Origin;
import io.livelink.permission.group.GroupViews.CreateGroup;
import io.livelink.permission.group.GroupViews.GroupMemberView;
import io.livelink.permission.group.GroupViews.GroupSummary;
import io.livelink.permission.group.GroupViews.GroupView;
import io.livelink.permission.tenant.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Directory groups and their members. Every change publishes the group's whole membership as {@link
 * DirectoryGroupChanged} and is audited, in the transaction of the change.
 *
 * <p>Locks are taken members first, then the group (as a member's departure does), so edits, class
 * syncs and departures touching the same group and member wait for each other instead of
 * deadlocking.
 */
@ApplicationScoped
public class GroupService {

    private final TenantService tenants;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final EntityManager entityManager;
    private final Clock clock;

    public GroupService(
            TenantService tenants,
            EventPublisher events,
            AuditTrail audit,
            EntityManager entityManager,
            Clock clock) {
        this.tenants = tenants;
        this.events = events;
        this.audit = audit;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public GroupView create(String tenantId, CreateGroup body) {
        tenants.visible(tenantId);
        Set<String> members =
                activeMembers(tenantId, body.memberIds() == null ? List.of() : body.memberIds());
        Instant now = clock.instant();
        DirectoryGroup group = new DirectoryGroup();
        group.tenantId = tenantId;
        group.id = UUID.randomUUID().toString();
        group.name = body.name().strip();
        group.origin = Origin.MANUAL;
        group.createdAt = now;
        group.updatedAt = now;
        group.persist();
        setMembers(group, members);
        announce(group, members);
        audit.record(
                tenantId,
                "group.created",
                "group",
                group.id,
                null,
                Map.of("name", group.name, "memberIds", members));
        return view(group);
    }

    @Transactional
    public List<GroupSummary> list(String tenantId, int page, int size) {
        tenants.visible(tenantId);
        List<DirectoryGroup> groups =
                DirectoryGroup.<DirectoryGroup>find(
                                "tenantId = ?1 and deletedAt is null order by name, id", tenantId)
                        .page(page, size)
                        .list();
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, Long> counts =
                entityManager
                        .createQuery(
                                "select gm.groupId, count(gm) from GroupMember gm"
                                        + " where gm.tenantId = ?1 and gm.groupId in ?2"
                                        + " group by gm.groupId",
                                Object[].class)
                        .setParameter(1, tenantId)
                        .setParameter(2, groups.stream().map(g -> g.id).toList())
                        .getResultStream()
                        .collect(Collectors.toMap(row -> (String) row[0], row -> (Long) row[1]));
        return groups.stream()
                .map(group -> GroupSummary.of(group, counts.getOrDefault(group.id, 0L)))
                .toList();
    }

    @Transactional
    public GroupView get(String tenantId, String groupId) {
        tenants.visible(tenantId);
        return view(visibleGroup(tenantId, groupId));
    }

    /** The group holds exactly these members afterwards. */
    @Transactional
    public GroupView replaceMembers(String tenantId, String groupId, List<String> memberIds) {
        return edit(tenantId, groupId, memberIds, "group.members-replaced", listed -> listed);
    }

    /** These members join the group; those already in it stay. */
    @Transactional
    public GroupView addMembers(String tenantId, String groupId, List<String> memberIds) {
        return edit(
                tenantId,
                groupId,
                memberIds,
                "group.members-added",
                listed -> {
                    Set<String> wanted = new TreeSet<>(listed);
                    wanted.addAll(memberIdsOf(tenantId, groupId));
                    return wanted;
                });
    }

    @Transactional
    public GroupView removeMember(String tenantId, String groupId, String memberId) {
        tenants.visible(tenantId);
        DirectoryGroup group = locked(requireManual(visibleGroup(tenantId, groupId)));
        Set<String> wanted = memberIdsOf(tenantId, groupId);
        if (!wanted.remove(memberId)) {
            throw new NotFound("group member", memberId);
        }
        applyByCaller(group, wanted, "group.member-removed");
        return view(group);
    }

    /**
     * Dissolves the group: its members are let go and {@link DirectoryGroupChanged} says it is
     * empty, so streams bound to it admit nobody but their broadcaster and tenant admins.
     */
    @Transactional
    public void delete(String tenantId, String groupId) {
        tenants.visible(tenantId);
        DirectoryGroup group = locked(visibleGroup(tenantId, groupId));
        Set<String> former = memberIdsOf(tenantId, groupId);
        setMembers(group, Set.of());
        group.deletedAt = clock.instant();
        group.updatedAt = group.deletedAt;
        announce(group, Set.of());
        audit.record(
                tenantId,
                "group.deleted",
                "group",
                groupId,
                null,
                Map.of("name", group.name, "memberIds", former));
    }

    /** A member who leaves the directory leaves every group; each group announces it. */
    void onMemberDeparted(@Observes MemberDeparted departed) {
        List<String> groupIds =
                entityManager
                        .createQuery(
                                "select gm.groupId from GroupMember gm"
                                        + " where gm.tenantId = ?1 and gm.memberId = ?2"
                                        + " order by gm.groupId",
                                String.class)
                        .setParameter(1, departed.tenantId())
                        .setParameter(2, departed.memberId())
                        .getResultList();
        for (String groupId : groupIds) {
            DirectoryGroup group =
                    DirectoryGroup.findById(
                            new DirectoryGroup.Key(departed.tenantId(), groupId),
                            LockModeType.PESSIMISTIC_WRITE);
            Set<String> wanted = memberIdsOf(departed.tenantId(), groupId);
            wanted.remove(departed.memberId());
            setMembers(group, wanted);
            group.updatedAt = clock.instant();
            announce(group, wanted);
            audit.recordBySystem(
                    departed.tenantId(),
                    "group.member-removed",
                    "group",
                    groupId,
                    "member left the tenant",
                    Map.of("removed", List.of(departed.memberId())));
        }
    }

    private GroupView edit(
            String tenantId,
            String groupId,
            List<String> listed,
            String action,
            UnaryOperator<Set<String>> wantedFrom) {
        tenants.visible(tenantId);
        DirectoryGroup group = requireManual(visibleGroup(tenantId, groupId));
        Set<String> members = activeMembers(tenantId, listed);
        locked(group);
        applyByCaller(group, wantedFrom.apply(members), action);
        return view(group);
    }

    private void applyByCaller(DirectoryGroup group, Set<String> wanted, String action) {
        Change change = setMembers(group, wanted);
        if (change.any()) {
            group.updatedAt = clock.instant();
            announce(group, wanted);
            audit.record(
                    group.tenantId,
                    action,
                    "group",
                    group.id,
                    null,
                    Map.of("added", change.added(), "removed", change.removed()));
        }
    }

    /** What a membership change did. */
    record Change(List<String> added, List<String> removed) {
        boolean any() {
            return !added.isEmpty() || !removed.isEmpty();
        }
    }

    /** Makes the group hold exactly {@code wanted}, writing only the difference. */
    Change setMembers(DirectoryGroup group, Collection<String> wanted) {
        Set<String> current = memberIdsOf(group.tenantId, group.id);
        List<String> added = wanted.stream().filter(m -> !current.contains(m)).sorted().toList();
        List<String> removed = current.stream().filter(m -> !wanted.contains(m)).toList();
        if (!removed.isEmpty()) {
            GroupMember.delete(
                    "tenantId = ?1 and groupId = ?2 and memberId in ?3",
                    group.tenantId,
                    group.id,
                    removed);
        }
        Instant now = clock.instant();
        for (String memberId : added) {
            GroupMember row = new GroupMember();
            row.tenantId = group.tenantId;
            row.groupId = group.id;
            row.memberId = memberId;
            row.addedAt = now;
            row.persist();
        }
        return new Change(added, removed);
    }

    void announce(DirectoryGroup group, Collection<String> members) {
        events.publish(
                new DirectoryGroupChanged(
                        group.tenantId,
                        group.id,
                        group.name,
                        members.stream().sorted().toList(),
                        clock.instant()));
    }

    /** The ids of the group's members, sorted. */
    Set<String> memberIdsOf(String tenantId, String groupId) {
        return new TreeSet<>(
                entityManager
                        .createQuery(
                                "select gm.memberId from GroupMember gm"
                                        + " where gm.tenantId = ?1 and gm.groupId = ?2",
                                String.class)
                        .setParameter(1, tenantId)
                        .setParameter(2, groupId)
                        .getResultList());
    }

    /**
     * The listed members, each of whom must be ACTIVE in the tenant's directory; their rows are
     * share-locked so none can leave before the group commits. A 400 names every one that is not.
     */
    private Set<String> activeMembers(String tenantId, List<String> memberIds) {
        Set<String> listed = new LinkedHashSet<>(memberIds);
        Set<String> active =
                listed.isEmpty()
                        ? Set.of()
                        : Member.<Member>find(
                                        "tenantId = ?1 and id in ?2 and status = ?3 order by id",
                                        tenantId,
                                        listed,
                                        Member.ACTIVE)
                                .withLock(LockModeType.PESSIMISTIC_READ)
                                .stream()
                                .map(m -> m.id)
                                .collect(Collectors.toSet());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < memberIds.size(); i++) {
            if (!active.contains(memberIds.get(i))) {
                errors.add(
                        new FieldError(
                                "memberIds[" + i + "]",
                                "no active member " + memberIds.get(i) + " in this tenant"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(
                    errors.size() + " of the listed members are not in the directory", errors);
        }
        return listed;
    }

    private static DirectoryGroup visibleGroup(String tenantId, String groupId) {
        return DirectoryGroup.lookup(tenantId, groupId)
                .filter(group -> group.deletedAt == null)
                .orElseThrow(() -> new NotFound("group", groupId));
    }

    /** Takes the group's row lock and re-reads it; it may have been deleted meanwhile. */
    private DirectoryGroup locked(DirectoryGroup group) {
        entityManager.refresh(group, LockModeType.PESSIMISTIC_WRITE);
        if (group.deletedAt != null) {
            throw new NotFound("group", group.id);
        }
        return group;
    }

    private static DirectoryGroup requireManual(DirectoryGroup group) {
        if (group.origin != Origin.MANUAL) {
            throw new Conflict(
                    "group-managed-by-class",
                    "group "
                            + group.id
                            + " holds the activated students of class "
                            + group.classCode
                            + "; change the class's roster and sync it instead");
        }
        return group;
    }

    private GroupView view(DirectoryGroup group) {
        List<GroupMemberView> members =
                entityManager
                        .createQuery(
                                "select m from Member m, GroupMember gm"
                                        + " where gm.tenantId = ?1 and gm.groupId = ?2"
                                        + " and m.tenantId = gm.tenantId and m.id = gm.memberId"
                                        + " order by m.displayName, m.id",
                                Member.class)
                        .setParameter(1, group.tenantId)
                        .setParameter(2, group.id)
                        .getResultStream()
                        .map(m -> new GroupMemberView(m.id, m.account, m.displayName))
                        .toList();
        return GroupView.of(group, members);
    }
}
