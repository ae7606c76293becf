package io.livelink.events;

import java.time.Instant;

public record MemberLeft(String tenantId, String memberId, Instant leftAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
