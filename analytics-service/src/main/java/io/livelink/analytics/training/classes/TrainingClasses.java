package io.livelink.analytics.training.classes;

import io.livelink.analytics.rollup.daily.TenantTimeZones;
import io.livelink.analytics.training.TrainingAudit;
import io.livelink.analytics.training.TrainingSettings;
import io.livelink.analytics.training.classes.ClassViews.ClassPage;
import io.livelink.analytics.training.classes.ClassViews.ClassView;
import io.livelink.analytics.training.classes.ClassViews.CreateClass;
import io.livelink.analytics.training.roster.Student;
import io.livelink.analytics.training.roster.StudentStatus;
import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.refusal.Conflict;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.refusal.Refused;
import io.livelink.commons.security.Caller;
import io.livelink.events.TrainingClassSynced;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creating, listing, deleting and syncing classes; every lookup is confined to the tenant. */
@ApplicationScoped
public class TrainingClasses {

    private final EntityManager entityManager;
    private final EventPublisher events;
    private final TrainingAudit audit;
    private final TenantTimeZones zones;
    private final TrainingSettings settings;
    private final Clock clock;

    public TrainingClasses(
            EntityManager entityManager,
            EventPublisher events,
            TrainingAudit audit,
            TenantTimeZones zones,
            TrainingSettings settings,
            Clock clock) {
        this.entityManager = entityManager;
        this.events = events;
        this.audit = audit;
        this.zones = zones;
        this.settings = settings;
        this.clock = clock;
    }

    /** The class, if the caller's tenant owns it (or the caller is a platform admin); else 404. */
    public static TrainingClass visible(Caller caller, String classId) {
        TrainingClass found = TrainingClass.findById(classId);
        if (found == null) {
            throw new NotFound("class", classId);
        }
        caller.requireAccessTo(found.tenantId, "class", classId);
        return found;
    }

    @Transactional
    public ClassView create(Caller caller, CreateClass request) {
        if (request.trainingMode() != TrainingMode.LIVE) {
            throw Refused.unacceptable(
                    "training-mode-not-open",
                    "Training mode not open",
                    "trainingMode",
                    "ON_DEMAND training is not open yet (待开放); use LIVE");
        }
        String tenantId = caller.tenantId();
        Instant now = clock.instant();
        TrainingClass created = new TrainingClass();
        created.id = UUID.randomUUID().toString();
        created.tenantId = tenantId;
        created.code = nextCode(now.atZone(zones.of(tenantId)).getYear());
        created.name = request.name().strip();
        created.classType = request.classType().strip();
        created.trainingMode = request.trainingMode();
        created.groupId = "training-" + created.id;
        created.createdBy = caller.memberId();
        created.createdAt = now;
        created.persist();
        audit.record(tenantId, caller.memberId(), "class.created", created.id, created.code);
        return view(created);
    }

    /** BJ-2026-000021: a number per prefix and year, taken under the row lock of the counter. */
    private String nextCode(int year) {
        String prefix = settings.classCodePrefix();
        Number next =
                (Number)
                        entityManager
                                .createNativeQuery(
                                        "insert into training_class_code as c (prefix, year,"
                                                + " last_number) values (:prefix, :year, 1) on"
                                                + " conflict (prefix, year) do update set"
                                                + " last_number = c.last_number + 1 returning"
                                                + " last_number")
                                .setParameter("prefix", prefix)
                                .setParameter("year", year)
                                .getSingleResult();
        if (next.intValue() > 999_999) {
            throw new Conflict(
                    "class-codes-exhausted", "no class codes left for " + prefix + "-" + year);
        }
        return String.format("%s-%04d-%06d", prefix, year, next.intValue());
    }

    @Transactional
    public ClassView get(Caller caller, String classId) {
        return view(visible(caller, classId));
    }

    @Transactional
    public ClassPage list(Caller caller, String tenant, int page, int size) {
        var scope = caller.tenantScope(tenant);
        var query =
                scope.isPresent()
                        ? TrainingClass.<TrainingClass>find(
                                "tenantId", Sort.descending("createdAt"), scope.get())
                        : TrainingClass.<TrainingClass>findAll(Sort.descending("createdAt"));
        List<ClassView> items =
                query.page(Page.of(page, size)).list().stream().map(this::view).toList();
        return new ClassPage(items, page, size, query.count());
    }

    /** Deletes the class, its roster and figures; a synced class's group is dissolved. */
    @Transactional
    public void delete(Caller caller, String classId) {
        TrainingClass found = visible(caller, classId);
        if (found.syncedAt != null) {
            events.publish(
                    new TrainingClassSynced(
                            found.tenantId,
                            found.id,
                            found.code,
                            found.name,
                            found.groupId,
                            List.of(),
                            clock.instant()));
        }
        audit.record(found.tenantId, caller.memberId(), "class.deleted", found.id, found.code);
        found.delete();
    }

    /**
     * 同步班级信息至直播平台: the class's group is to hold exactly its activated students; streams bound to
     * the group issue member links to them only.
     */
    @Transactional
    public ClassView sync(Caller caller, String classId) {
        TrainingClass found = visible(caller, classId);
        List<TrainingClassSynced.Student> members =
                Student.<Student>find(
                                "classId = ?1 and status = ?2",
                                Sort.ascending("name", "memberId"),
                                found.id,
                                StudentStatus.ACTIVATED)
                        .stream()
                        .map(s -> new TrainingClassSynced.Student(s.memberId, s.name))
                        .toList();
        Instant now = clock.instant();
        events.publish(
                new TrainingClassSynced(
                        found.tenantId,
                        found.id,
                        found.code,
                        found.name,
                        found.groupId,
                        members,
                        now));
        found.syncedAt = now;
        audit.record(
                found.tenantId,
                caller.memberId(),
                "class.synced",
                found.id,
                members.size() + " activated students");
        return view(found);
    }

    ClassView view(TrainingClass c) {
        Object[] counts =
                (Object[])
                        entityManager
                                .createNativeQuery(
                                        "select (select count(*) from training_student where"
                                                + " class_id = :c), (select count(*) from"
                                                + " training_student where class_id = :c and status ="
                                                + " 'ACTIVATED'), (select coalesce(sum(duration_seconds),"
                                                + " 0) from training_course where class_id = :c)")
                                .setParameter("c", c.id)
                                .getSingleResult();
        return new ClassView(
                c.id,
                c.tenantId,
                c.code,
                c.name,
                c.classType,
                c.trainingMode,
                c.groupId,
                ((Number) counts[0]).longValue(),
                ((Number) counts[1]).longValue(),
                ((Number) counts[2]).longValue(),
                c.createdAt,
                c.syncedAt,
                c.attendanceUpdatedAt,
                c.reportedAt,
                c.reportError);
    }
}
