package io.livelink.permission.group;

import io.livelink.commons.consume.BatchConsumer;
import io.livelink.commons.consume.Consumption;
import io.livelink.commons.consume.EachEventHandler;
import io.livelink.commons.consume.ExactlyOnce;
import io.livelink.commons.refusal.DomainRefusal;
import io.livelink.events.EventType;
import io.livelink.events.TrainingClassSynced;
import io.livelink.permission.audit.AuditTrail;
import io.livelink.permission.directory.DirectoryService;
import io.livelink.permission.directory.DirectoryViews.CreateMember;
import io.livelink.permission.directory.Member;
import io.livelink.permission.group.DirectoryGroup.Origin;
import io.livelink.permission.tenant.Tenant;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Makes a training class's directory group hold exactly the activated students of its latest sync
 * ({@link TrainingClassSynced}, from analytics-service). Students new to the directory join it
 * (ACTIVE, account {@code classCode/memberId}, no phone or ID number, MemberJoined); students no
 * longer in the snapshot leave the group but stay in the directory. A snapshot taken before the one
 * applied, or before the group was deleted, is ignored. Idempotent like every consumer; malformed
 * or inapplicable records go to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class TrainingClassSync implements EachEventHandler<TrainingClassSynced> {

    public static final String CHANNEL = "training-events";
    private static final Consumption<TrainingClassSynced> CONSUMPTION =
            new Consumption<>(
                    "permission-service/class-groups",
                    ExactlyOnce.PROCESSED_EVENT_MARKS,
                    TrainingClassSynced.class,
                    Set.of(EventType.TRAINING_CLASS_SYNCED),
                    Consumption.OtherEvents.IGNORED);
    private static final int MAX_NAME = 200;

    private final BatchConsumer batches;
    private final GroupService groups;
    private final DirectoryService directory;
    private final Validator validator;
    private final AuditTrail audit;
    private final Clock clock;

    public TrainingClassSync(
            BatchConsumer batches,
            GroupService groups,
            DirectoryService directory,
            Validator validator,
            AuditTrail audit,
            Clock clock) {
        this.batches = batches;
        this.groups = groups;
        this.directory = directory;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.consume(records, this);
    }

    @Override
    public Consumption<TrainingClassSynced> consumption() {
        return CONSUMPTION;
    }

    @Override
    public void applyOne(TrainingClassSynced sync) {
        String tenantId = sync.tenantId();
        if (Tenant.findById(tenantId) == null) {
            throw new RefusedSync("tenant " + tenantId + " is not in the directory");
        }
        Map<String, CreateMember> students = students(sync);
        // Members first, then the group: the lock order every group change keeps.
        Map<String, Member> known =
                students.isEmpty()
                        ? Map.of()
                        : Member.<Member>find(
                                        "tenantId = ?1 and id in ?2 order by id",
                                        tenantId,
                                        students.keySet())
                                .withLock(LockModeType.PESSIMISTIC_READ)
                                .stream()
                                .collect(Collectors.toMap(m -> m.id, Function.identity()));
        DirectoryGroup group =
                DirectoryGroup.findById(
                        new DirectoryGroup.Key(tenantId, sync.groupId()),
                        LockModeType.PESSIMISTIC_WRITE);
        if (group != null && stale(group, sync)) {
            return;
        }
        Instant now = clock.instant();
        if (group == null) {
            group = new DirectoryGroup();
            group.tenantId = tenantId;
            group.id = sync.groupId();
            group.origin = Origin.TRAINING_CLASS;
            group.classId = sync.classId();
            group.createdAt = now;
        }
        group.name = groupName(sync);
        group.classCode = sync.classCode();
        group.syncedAt = sync.syncedAt();
        group.deletedAt = null;
        group.updatedAt = now;
        group.persist();

        Set<String> wanted = new TreeSet<>();
        List<String> joined = new ArrayList<>();
        Map<String, String> skipped = new TreeMap<>();
        for (CreateMember student : students.values()) {
            Member member = known.get(student.id());
            if (member == null) {
                try {
                    directory.admitStudent(tenantId, student, sync.classCode());
                    joined.add(student.id());
                } catch (DomainRefusal refused) {
                    skipped.put(student.id(), refused.detail());
                    continue;
                }
            } else if (!member.isActive()) {
                // The directory's decision stands: an admin let this student go.
                skipped.put(student.id(), "left the directory at " + member.leftAt);
                continue;
            }
            wanted.add(student.id());
        }
        GroupService.Change change = groups.setMembers(group, wanted);
        groups.announce(group, wanted);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("classId", sync.classId());
        details.put("classCode", sync.classCode());
        details.put("syncedAt", sync.syncedAt().toString());
        details.put("added", change.added());
        details.put("removed", change.removed());
        details.put("joinedDirectory", joined);
        details.put("skipped", skipped);
        audit.recordBySystem(tenantId, "group.synced", "group", group.id, null, details);
        if (!skipped.isEmpty()) {
            Log.infof(
                    "class %s of tenant %s: %d students left out of group %s: %s",
                    sync.classCode(), tenantId, skipped.size(), group.id, skipped);
        }
    }

    /** A group of another kind or class refuses the sync; an older snapshot is skipped. */
    private static boolean stale(DirectoryGroup group, TrainingClassSynced sync) {
        if (group.origin != Origin.TRAINING_CLASS || !group.classId.equals(sync.classId())) {
            throw new RefusedSync(
                    "group "
                            + group.id
                            + " of tenant "
                            + group.tenantId
                            + " is not class "
                            + sync.classId()
                            + "'s group");
        }
        Instant applied = group.syncedAt;
        if (group.deletedAt != null && (applied == null || group.deletedAt.isAfter(applied))) {
            applied = group.deletedAt;
        }
        if (applied != null && !sync.syncedAt().isAfter(applied)) {
            Log.infof(
                    "ignored class %s's snapshot of %s: group %s is as of %s",
                    sync.classCode(), sync.syncedAt(), group.id, applied);
            return true;
        }
        return false;
    }

    /**
     * The snapshot's students as directory members, each once. A student the directory could not
     * hold (an id or name out of bounds) refuses the whole snapshot, so no half of it applies.
     */
    private Map<String, CreateMember> students(TrainingClassSynced sync) {
        Map<String, CreateMember> students = new LinkedHashMap<>();
        for (TrainingClassSynced.Student student : sync.members()) {
            CreateMember member =
                    new CreateMember(
                            student.memberId(),
                            sync.classCode() + "/" + student.memberId(),
                            student.displayName(),
                            null,
                            null,
                            null,
                            List.of());
            Set<ConstraintViolation<CreateMember>> violations = validator.validate(member);
            if (!violations.isEmpty()) {
                ConstraintViolation<CreateMember> violation = violations.iterator().next();
                throw new RefusedSync(
                        "student "
                                + student.memberId()
                                + ": "
                                + violation.getPropertyPath()
                                + " "
                                + violation.getMessage());
            }
            students.putIfAbsent(student.memberId(), member);
        }
        return students;
    }

    /** "className (classCode)", the name cut short to fit the directory's 200 characters. */
    static String groupName(TrainingClassSynced sync) {
        String suffix = " (" + sync.classCode() + ")";
        String name = sync.className().strip();
        int room = MAX_NAME - suffix.length();
        return (name.length() > room ? name.substring(0, room).strip() : name) + suffix;
    }
}
