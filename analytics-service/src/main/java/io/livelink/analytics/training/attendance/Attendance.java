package io.livelink.analytics.training.attendance;

import io.livelink.analytics.rollup.Rows;
import io.livelink.analytics.rollup.WindowMath;
import io.livelink.analytics.training.TrainingSettings;
import io.livelink.analytics.training.attendance.AttendanceViews.Course;
import io.livelink.analytics.training.attendance.AttendanceViews.CourseList;
import io.livelink.analytics.training.attendance.AttendanceViews.CourseTime;
import io.livelink.analytics.training.attendance.AttendanceViews.StudentAttendance;
import io.livelink.analytics.training.attendance.AttendanceViews.StudentList;
import io.livelink.analytics.training.classes.TrainingClass;
import io.livelink.analytics.training.roster.Roster;
import io.livelink.analytics.training.roster.Student;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A class's attendance, recomputed from the view sessions of its courses (the streams bound to its
 * group). Only activated students count, only live watching counts (replays never), a student on
 * two devices counts once (the union of their sessions), and time re-entering a stream adds up. A
 * course's lecturer, if a student of the class, is credited the course's whole duration. A course
 * is final once its end plus the grace period has passed; an update leaves it as it is.
 */
@ApplicationScoped
public class Attendance {

    private final EntityManager entityManager;
    private final TrainingSettings settings;
    private final Clock clock;

    public Attendance(EntityManager entityManager, TrainingSettings settings, Clock clock) {
        this.entityManager = entityManager;
        this.settings = settings;
        this.clock = clock;
    }

    private record Stream(
            String streamId, String title, String lecturerId, long liveAt, Long endedAt) {}

    /** 更新: recomputes every course that is not final yet. */
    @Transactional
    public void update(TrainingClass trainingClass) {
        Instant now = clock.instant();
        Set<String> activated = new HashSet<>();
        Roster.activated(trainingClass.id).forEach(s -> activated.add(s.memberId));
        Set<String> finalCourses = new HashSet<>(finalCourses(trainingClass.id));
        List<Stream> streams = streams(trainingClass);
        Set<String> bound = new HashSet<>();
        for (Stream stream : streams) {
            bound.add(stream.streamId());
            if (!finalCourses.contains(stream.streamId())) {
                compute(trainingClass.id, stream, activated, now);
            }
        }
        // A stream no longer bound to the group stops being a course, unless already final.
        entityManager
                .createNativeQuery(
                        "delete from training_course where class_id = :class and not final and"
                                + " not (stream_id = any(cast(:bound as varchar[])))")
                .setParameter("class", trainingClass.id)
                .setParameter("bound", bound.toArray(String[]::new))
                .executeUpdate();
        trainingClass.attendanceUpdatedAt = now;
    }

    private void compute(String classId, Stream stream, Set<String> activated, Instant now) {
        long end = stream.endedAt() != null ? stream.endedAt() : now.toEpochMilli();
        long durationSeconds = Math.max(0, end - stream.liveAt()) / 1000;
        List<WindowMath.Watched> watched = new ArrayList<>();
        for (Object[] row : liveSessions(stream.streamId())) {
            watched.add(
                    new WindowMath.Watched(
                            (String) row[0], Rows.count(row[1]), Rows.count(row[2])));
        }
        Map<String, Long> learning =
                WindowMath.attendance(
                        watched, activated, stream.lecturerId(), stream.liveAt(), end);
        boolean isFinal =
                stream.endedAt() != null
                        && !Instant.ofEpochMilli(stream.endedAt())
                                .plus(settings.attendanceGrace())
                                .isAfter(now);
        entityManager
                .createNativeQuery(
                        "insert into training_course (class_id, stream_id, title, lecturer_id,"
                                + " started_at, ended_at, duration_seconds, attendees,"
                                + " total_learning_seconds, final, computed_at) values (:class,"
                                + " :stream, :title, :lecturer, :startedAt, :endedAt, :duration,"
                                + " :attendees, :total, :final, :now) on conflict (class_id,"
                                + " stream_id) do update set title = excluded.title, lecturer_id ="
                                + " excluded.lecturer_id, started_at = excluded.started_at, ended_at ="
                                + " excluded.ended_at, duration_seconds = excluded.duration_seconds,"
                                + " attendees = excluded.attendees, total_learning_seconds ="
                                + " excluded.total_learning_seconds, final = excluded.final,"
                                + " computed_at = excluded.computed_at")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("class", classId)
                .setParameter("stream", stream.streamId())
                .setParameter("title", stream.title())
                .setParameter("lecturer", stream.lecturerId())
                .setParameter("startedAt", Instant.ofEpochMilli(stream.liveAt()))
                .setParameter(
                        "endedAt",
                        stream.endedAt() == null ? null : Instant.ofEpochMilli(stream.endedAt()),
                        Instant.class)
                .setParameter("duration", durationSeconds)
                .setParameter("attendees", learning.size())
                .setParameter("total", learning.values().stream().mapToLong(Long::longValue).sum())
                .setParameter("final", isFinal)
                .setParameter("now", now)
                .executeUpdate();
        entityManager
                .createNativeQuery(
                        "delete from training_attendance where class_id = :class and stream_id ="
                                + " :stream")
                .setParameter("class", classId)
                .setParameter("stream", stream.streamId())
                .executeUpdate();
        for (Map.Entry<String, Long> member : learning.entrySet()) {
            entityManager
                    .createNativeQuery(
                            "insert into training_attendance (class_id, stream_id, member_id,"
                                    + " learning_seconds) values (:class, :stream, :member,"
                                    + " :seconds)")
                    .setParameter("class", classId)
                    .setParameter("stream", stream.streamId())
                    .setParameter("member", member.getKey())
                    .setParameter("seconds", member.getValue())
                    .executeUpdate();
        }
    }

    @Transactional
    public CourseList courses(TrainingClass trainingClass) {
        List<Course> courses = storedCourses(trainingClass.id);
        return new CourseList(
                trainingClass.id,
                trainingClass.code,
                courses.stream().mapToLong(Course::durationSeconds).sum(),
                trainingClass.attendanceUpdatedAt,
                courses);
    }

    @Transactional
    public StudentList students(TrainingClass trainingClass) {
        List<Course> courses = storedCourses(trainingClass.id);
        Map<String, Map<String, Long>> byMember = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select member_id, stream_id, learning_seconds from"
                                        + " training_attendance where class_id = :class")
                        .setParameter("class", trainingClass.id)
                        .getResultList();
        for (Object[] r : rows) {
            byMember.computeIfAbsent((String) r[0], m -> new HashMap<>())
                    .put((String) r[1], Rows.count(r[2]));
        }
        List<StudentAttendance> students = new ArrayList<>();
        for (Student s :
                Student.<Student>list(
                        "classId", Sort.ascending("name", "memberId"), trainingClass.id)) {
            Map<String, Long> perCourse = byMember.getOrDefault(s.memberId, Map.of());
            List<CourseTime> times =
                    courses.stream()
                            .map(
                                    c ->
                                            new CourseTime(
                                                    c.streamId(),
                                                    perCourse.getOrDefault(c.streamId(), 0L),
                                                    s.activated()
                                                            && s.memberId.equals(c.lecturerId())))
                            .toList();
            students.add(
                    new StudentAttendance(
                            s.id,
                            s.memberId,
                            s.name,
                            s.status,
                            times.stream().mapToLong(CourseTime::learningSeconds).sum(),
                            times));
        }
        return new StudentList(
                trainingClass.id,
                trainingClass.code,
                courses.stream().mapToLong(Course::durationSeconds).sum(),
                trainingClass.attendanceUpdatedAt,
                students);
    }

    private List<Course> storedCourses(String classId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select stream_id, title, lecturer_id, "
                                        + Rows.millis("started_at")
                                        + ", "
                                        + Rows.millis("ended_at")
                                        + ", duration_seconds, attendees, total_learning_seconds,"
                                        + " final from training_course where class_id = :class"
                                        + " order by started_at, stream_id")
                        .setParameter("class", classId)
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Course(
                                        (String) r[0],
                                        (String) r[1],
                                        (String) r[2],
                                        Instant.ofEpochMilli(Rows.count(r[3])),
                                        r[4] == null
                                                ? null
                                                : Instant.ofEpochMilli(Rows.count(r[4])),
                                        Rows.count(r[5]),
                                        ((Number) r[6]).intValue(),
                                        Rows.count(r[7]),
                                        (Boolean) r[8]))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> finalCourses(String classId) {
        return entityManager
                .createNativeQuery(
                        "select stream_id from training_course where class_id = :class and final")
                .setParameter("class", classId)
                .getResultList();
    }

    private List<Stream> streams(TrainingClass trainingClass) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select stream_id, title, broadcaster_id, "
                                        + Rows.millis("live_at")
                                        + ", "
                                        + Rows.millis("ended_at")
                                        + " from training_stream where tenant_id = :tenant and"
                                        + " audience_group_id = :group and live_at is not null")
                        .setParameter("tenant", trainingClass.tenantId)
                        .setParameter("group", trainingClass.groupId)
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Stream(
                                        (String) r[0],
                                        (String) r[1],
                                        (String) r[2],
                                        Rows.count(r[3]),
                                        r[4] == null ? null : Rows.count(r[4])))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> liveSessions(String streamId) {
        return entityManager
                .createNativeQuery(
                        "select viewer_id, "
                                + Rows.millis("started_at")
                                + ", "
                                + Rows.millis("coalesce(ended_at, last_seen_at)")
                                + " from view_session where stream_id = :stream and playback ="
                                + " 'LIVE'")
                .setParameter("stream", streamId)
                .getResultList();
    }
}
