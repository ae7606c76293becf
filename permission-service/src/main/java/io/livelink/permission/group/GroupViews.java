package io.livelink.permission.group;

import io.livelink.permission.group.DirectoryGroup.Origin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The request and response bodies of the groups API. */
public final class GroupViews {

    private GroupViews() {}

    /** Enough for a large class; bigger audiences are better served by EVERYONE-scope streams. */
    static final int MAX_MEMBERS = 5000;

    public record CreateGroup(
            @NotBlank @Size(max = 200) String name,
            @Size(max = MAX_MEMBERS) List<@NotBlank @Size(max = 128) String> memberIds) {}

    public record GroupMembers(
            @NotNull @Size(max = MAX_MEMBERS) List<@NotBlank @Size(max = 128) String> memberIds) {}

    /**
     * @param classId for TRAINING_CLASS groups, the class whose activated students they hold
     * @param syncedAt for TRAINING_CLASS groups, when the snapshot applied was taken
     */
    public record GroupSummary(
            String id,
            String name,
            Origin origin,
            String classId,
            String classCode,
            long memberCount,
            Instant syncedAt,
            Instant createdAt,
            Instant updatedAt) {

        static GroupSummary of(DirectoryGroup group, long memberCount) {
            return new GroupSummary(
                    group.id,
                    group.name,
                    group.origin,
                    group.classId,
                    group.classCode,
                    memberCount,
                    group.syncedAt,
                    group.createdAt,
                    group.updatedAt);
        }
    }

    public record GroupView(
            String id,
            String name,
            Origin origin,
            String classId,
            String classCode,
            Instant syncedAt,
            Instant createdAt,
            Instant updatedAt,
            List<GroupMemberView> members) {

        static GroupView of(DirectoryGroup group, List<GroupMemberView> members) {
            return new GroupView(
                    group.id,
                    group.name,
                    group.origin,
                    group.classId,
                    group.classCode,
                    group.syncedAt,
                    group.createdAt,
                    group.updatedAt,
                    members);
        }
    }

    public record GroupMemberView(String id, String account, String displayName) {}
}
