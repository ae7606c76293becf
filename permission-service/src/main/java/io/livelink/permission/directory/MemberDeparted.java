package io.livelink.permission.directory;

/** Fired in the transaction that marks a member LEFT, so grants and requests follow suit. */
public record MemberDeparted(String tenantId, String memberId) {}
