package io.livelink.analytics.training.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livelink.analytics.training.PersonalData;
import io.livelink.analytics.training.TrainingAudit;
import io.livelink.analytics.training.TrainingSettings;
import io.livelink.analytics.training.attendance.Attendance;
import io.livelink.analytics.training.attendance.AttendanceViews.CourseList;
import io.livelink.analytics.training.attendance.AttendanceViews.StudentAttendance;
import io.livelink.analytics.training.classes.TrainingClass;
import io.livelink.analytics.training.classes.TrainingClasses;
import io.livelink.analytics.training.roster.Roster;
import io.livelink.analytics.training.roster.Student;
import io.livelink.commons.delivery.Backoff;
import io.livelink.commons.delivery.DeliveryOutcomes;
import io.livelink.commons.refusal.Conflict;
import io.livelink.commons.security.Caller;
import io.livelink.commons.signature.BodySignature;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * 更新并上传管理平台: recomputes a class's attendance and queues its report; a scheduled sender POSTs it,
 * signed, with the upload id as idempotency key, and retries with backoff until the platform
 * answers 2xx. The queue is in PostgreSQL, committed with the report, so a restart in the middle of
 * retrying loses nothing; a newer report of the class replaces one still waiting.
 */
@ApplicationScoped
public class ReportUploads {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String TIMESTAMP_HEADER = "X-LiveLink-Timestamp";
    public static final String CLIENT_HEADER = "X-LiveLink-Client";

    private final EntityManager entityManager;
    private final Attendance attendance;
    private final Roster roster;
    private final ManagementPlatform platform;
    private final PersonalData personalData;
    private final TrainingAudit audit;
    private final ObjectMapper json;
    private final TrainingSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private volatile boolean stopping;
    private final DeliveryOutcomes.Outcomes outcomes;

    public ReportUploads(
            EntityManager entityManager,
            Attendance attendance,
            Roster roster,
            ManagementPlatform platform,
            PersonalData personalData,
            TrainingAudit audit,
            ObjectMapper json,
            TrainingSettings settings,
            Clock clock,
            DeliveryOutcomes deliveries) {
        this.entityManager = entityManager;
        this.attendance = attendance;
        this.roster = roster;
        this.platform = platform;
        this.personalData = personalData;
        this.audit = audit;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.upload().timeout()).build();
        this.outcomes = deliveries.of("report-upload");
    }

    /** Where a class's reporting stands (最新更新时间, 最新上报时间, the last error). */
    public record ReportStatus(
            String classId,
            Instant attendanceUpdatedAt,
            Instant reportedAt,
            String lastError,
            String pendingUploadId,
            int pendingAttempts,
            Instant nextAttemptAt) {}

    @Transactional
    public ReportStatus updateAndUpload(Caller caller, String classId) {
        TrainingClass trainingClass = TrainingClasses.visible(caller, classId);
        if (platform.target(trainingClass.tenantId).isEmpty()) {
            throw new Conflict(
                    "platform-not-configured",
                    "No management platform",
                    "configure the management platform (PUT /training/platform) first");
        }
        attendance.update(trainingClass);
        Instant now = clock.instant();
        String uploadId = UUID.randomUUID().toString();
        String body = serialise(report(uploadId, trainingClass, now));
        entityManager
                .createNativeQuery(
                        "update training_report_upload set failed_at = :now, last_error ="
                                + " 'replaced by a newer report' where class_id = :class and"
                                + " delivered_at is null and failed_at is null")
                .setParameter("now", now)
                .setParameter("class", classId)
                .executeUpdate();
        entityManager
                .createNativeQuery(
                        "insert into training_report_upload (id, class_id, tenant_id, payload,"
                                + " next_attempt_at, created_at) values (:id, :class, :tenant,"
                                + " :payload, :now, :now)")
                .setParameter("id", uploadId)
                .setParameter("class", classId)
                .setParameter("tenant", trainingClass.tenantId)
                .setParameter("payload", personalData.encrypt(trainingClass.tenantId, body))
                .setParameter("now", now)
                .executeUpdate();
        audit.record(trainingClass.tenantId, caller.memberId(), "report.queued", classId, uploadId);
        return status(trainingClass);
    }

    @Transactional
    public ReportStatus status(Caller caller, String classId) {
        return status(TrainingClasses.visible(caller, classId));
    }

    private ReportStatus status(TrainingClass trainingClass) {
        @SuppressWarnings("unchecked")
        List<Object[]> pending =
                entityManager
                        .createNativeQuery(
                                "select id, attempts, next_attempt_at from training_report_upload"
                                        + " where class_id = :class and delivered_at is null and"
                                        + " failed_at is null order by created_at desc limit 1")
                        .setParameter("class", trainingClass.id)
                        .getResultList();
        Object[] p = pending.isEmpty() ? null : pending.get(0);
        return new ReportStatus(
                trainingClass.id,
                trainingClass.attendanceUpdatedAt,
                trainingClass.reportedAt,
                trainingClass.reportError,
                p == null ? null : (String) p[0],
                p == null ? 0 : ((Number) p[1]).intValue(),
                p == null ? null : toInstant(p[2]));
    }

    /** The class report as of the last attendance update; activated students only. */
    ClassReport report(String reportId, TrainingClass trainingClass, Instant now) {
        CourseList courses = attendance.courses(trainingClass);
        Map<String, StudentAttendance> times =
                attendance.students(trainingClass).students().stream()
                        .collect(
                                Collectors.toMap(
                                        StudentAttendance::studentId, Function.identity()));
        List<ClassReport.StudentRecord> students =
                Roster.activated(trainingClass.id).stream()
                        .map(
                                (Student s) ->
                                        new ClassReport.StudentRecord(
                                                s.name,
                                                s.gender,
                                                roster.idNumber(s),
                                                s.memberId,
                                                times.get(s.id).liveLearningSeconds(),
                                                times.get(s.id).courses()))
                        .toList();
        return new ClassReport(
                reportId,
                trainingClass.tenantId,
                now,
                new ClassReport.ClassInfo(
                        trainingClass.id,
                        trainingClass.code,
                        trainingClass.name,
                        trainingClass.classType,
                        trainingClass.trainingMode,
                        courses.totalLiveSeconds(),
                        trainingClass.attendanceUpdatedAt),
                courses.courses(),
                students);
    }

    private String serialise(ClassReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a class report does not serialise", e);
        }
    }

    @Scheduled(
            every = "${livelink.training.upload.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendDue() {
        int attempted;
        do {
            attempted = QuarkusTransaction.requiringNew().call(this::sendBatch);
            // The database goes away during shutdown; what is left waits for the next start.
        } while (attempted > 0 && !stopping);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** Attempts the uploads due now (rows locked, so instances share the work); how many. */
    int sendBatch() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> due =
                entityManager
                        .createNativeQuery(
                                "select id, class_id, tenant_id, payload, attempts from"
                                        + " training_report_upload where delivered_at is null and"
                                        + " failed_at is null and next_attempt_at <= :now order by"
                                        + " next_attempt_at limit 10 for update skip locked")
                        .setParameter("now", now)
                        .getResultList();
        for (Object[] upload : due) {
            attempt(
                    (String) upload[0],
                    (String) upload[1],
                    (String) upload[2],
                    (String) upload[3],
                    ((Number) upload[4]).intValue() + 1);
        }
        return due.size();
    }

    private void attempt(
            String uploadId, String classId, String tenantId, String payload, int attempt) {
        Instant now = clock.instant();
        String error = send(uploadId, tenantId, payload, now);
        TrainingClass trainingClass = TrainingClass.findById(classId);
        if (error == null) {
            entityManager
                    .createNativeQuery(
                            "update training_report_upload set attempts = :attempt, delivered_at ="
                                    + " :now, last_error = null where id = :id")
                    .setParameter("attempt", attempt)
                    .setParameter("now", now)
                    .setParameter("id", uploadId)
                    .executeUpdate();
            trainingClass.reportedAt = now;
            trainingClass.reportError = null;
            outcomes.delivered().increment();
            return;
        }
        boolean givingUp = attempt >= settings.upload().maxAttempts();
        outcomes.failed(givingUp);
        Backoff backoff = new Backoff(settings.upload().firstRetry(), settings.upload().maxRetry());
        entityManager
                .createNativeQuery(
                        "update training_report_upload set attempts = :attempt, last_error ="
                                + " :error, next_attempt_at = :next, failed_at = :failed where id"
                                + " = :id")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("attempt", attempt)
                .setParameter("error", error)
                .setParameter("next", now.plus(backoff.after(attempt)))
                .setParameter("failed", givingUp ? now : null, Instant.class)
                .setParameter("id", uploadId)
                .executeUpdate();
        trainingClass.reportError =
                givingUp ? "gave up after " + attempt + " attempts: " + error : error;
        if (givingUp) {
            Log.warnf(
                    "class report %s of class %s given up after %d attempts: %s",
                    uploadId, classId, attempt, error);
        }
    }

    /** Null when the platform acknowledged the report, else what went wrong. */
    private String send(String uploadId, String tenantId, String payload, Instant now) {
        var target = platform.target(tenantId);
        if (target.isEmpty()) {
            return "the tenant has no management platform configured";
        }
        String body = personalData.decrypt(tenantId, payload);
        long timestamp = now.getEpochSecond();
        try {
            HttpResponse<Void> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(target.get().endpoint()))
                                    .timeout(settings.upload().timeout())
                                    .header("Content-Type", "application/json")
                                    .header(IDEMPOTENCY_HEADER, uploadId)
                                    .header(CLIENT_HEADER, target.get().clientId())
                                    .header(TIMESTAMP_HEADER, Long.toString(timestamp))
                                    .header(
                                            BodySignature.HEADER,
                                            BodySignature.sign(
                                                    target.get().secret(), timestamp, body))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return null;
            }
            return "the platform answered HTTP " + response.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return "could not reach the platform: "
                    + e.getClass().getSimpleName()
                    + " "
                    + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Instant toInstant(Object column) {
        if (column instanceof Instant i) {
            return i;
        }
        if (column instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) column).toInstant();
    }
}
