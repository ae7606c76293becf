package io.livelink.analytics.training.classes;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

public final class ClassViews {

    private ClassViews() {}

    public record CreateClass(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 100) String classType,
            @NotNull TrainingMode trainingMode) {}

    /** A class as the class list shows it (班级列表). */
    public record ClassView(
            String id,
            String tenantId,
            String code,
            String name,
            String classType,
            TrainingMode trainingMode,
            String groupId,
            long students,
            long activatedStudents,
            long totalLiveSeconds,
            Instant createdAt,
            Instant syncedAt,
            Instant attendanceUpdatedAt,
            Instant reportedAt,
            String reportError) {}

    public record ClassPage(List<ClassView> items, int page, int size, long total) {}
}
