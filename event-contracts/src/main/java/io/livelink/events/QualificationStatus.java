package io.livelink.events;

public enum QualificationStatus {
    PENDING,
    VERIFIED,
    REJECTED
}
