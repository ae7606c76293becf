package io.livelink.analytics.training.attendance;

import io.livelink.analytics.training.roster.StudentStatus;
import java.time.Instant;
import java.util.List;

public final class AttendanceViews {

    private AttendanceViews() {}

    /** 课程列表: each course of the class with its attendance, and the class's live total. */
    public record CourseList(
            String classId,
            String classCode,
            long totalLiveSeconds,
            Instant updatedAt,
            List<Course> courses) {}

    public record Course(
            String streamId,
            String title,
            String lecturerId,
            Instant startedAt,
            Instant endedAt,
            long durationSeconds,
            int attendees,
            long totalLearningSeconds,
            boolean isFinal) {}

    /** 学员列表: each student's live learning time per course and in total. */
    public record StudentList(
            String classId,
            String classCode,
            long totalLiveSeconds,
            Instant updatedAt,
            List<StudentAttendance> students) {}

    public record StudentAttendance(
            String studentId,
            String memberId,
            String name,
            StudentStatus status,
            long liveLearningSeconds,
            List<CourseTime> courses) {}

    /** {@code lecturer}: the student gave this course, so its whole duration counts. */
    public record CourseTime(String streamId, long learningSeconds, boolean lecturer) {}
}
