package io.livelink.events;

import java.time.Instant;

public record MemberJoined(
        String tenantId, String memberId, String account, String displayName, Instant joinedAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
