package io.livelink.analytics.training.roster;

import java.time.Instant;

/** A student as lists show them: ID number and phone masked unless revealed (and audited). */
public record StudentView(
        String id,
        String classId,
        String memberId,
        String name,
        Gender gender,
        String idNumber,
        String phone,
        Education education,
        StudentStatus status,
        Instant createdAt,
        Instant activatedAt) {}
