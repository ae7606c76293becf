package io.livelink.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One member's watching of a tenant's ENTERPRISE streams on one day of the tenant's time zone.
 * Seconds are the union of the member's watching intervals (two devices at once count once); live
 * and replay watching are kept apart. {@code revision} grows when the day is generated again with
 * different figures.
 */
public record MemberDailyRollup(
        String tenantId,
        String memberId,
        LocalDate day,
        String timeZone,
        long liveSeconds,
        long replaySeconds,
        Instant firstJoinAt,
        Instant lastLeaveAt,
        int sessions,
        int revision,
        Instant generatedAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
