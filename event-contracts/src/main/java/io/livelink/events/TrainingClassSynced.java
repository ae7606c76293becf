package io.livelink.events;

import java.time.Instant;
import java.util.List;

/**
 * A training class was synced to the live platform: its directory group ({@code groupId}) is to
 * hold exactly {@code members}, the class's activated students. A snapshot, not a delta, so
 * applying the latest one is enough. Carries no personal data beyond the display name: ID numbers
 * and phones stay in analytics-service.
 */
public record TrainingClassSynced(
        String tenantId,
        String classId,
        String classCode,
        String className,
        String groupId,
        List<Student> members,
        Instant syncedAt)
        implements LiveLinkEvent {

    /** An activated student as a directory member: a stable pseudonymous id and a name. */
    public record Student(String memberId, String displayName) {}

    public TrainingClassSynced {
        members = List.copyOf(members);
    }

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
