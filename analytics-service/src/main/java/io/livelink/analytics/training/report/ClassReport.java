package io.livelink.analytics.training.report;

import io.livelink.analytics.training.attendance.AttendanceViews.Course;
import io.livelink.analytics.training.attendance.AttendanceViews.CourseTime;
import io.livelink.analytics.training.classes.TrainingMode;
import io.livelink.analytics.training.roster.Gender;
import java.time.Instant;
import java.util.List;

/**
 * The class report sent to the management platform: the class, its courses and its activated
 * students with their live learning time. Students are identified by their resident ID number, as
 * the platform registered them.
 */
public record ClassReport(
        String reportId,
        String tenantId,
        Instant generatedAt,
        ClassInfo trainingClass,
        List<Course> courses,
        List<StudentRecord> students) {

    public record ClassInfo(
            String id,
            String code,
            String name,
            String classType,
            TrainingMode trainingMode,
            long totalLiveSeconds,
            Instant attendanceUpdatedAt) {}

    public record StudentRecord(
            String name,
            Gender gender,
            String idNumber,
            String memberId,
            long liveLearningSeconds,
            List<CourseTime> courses) {}
}
