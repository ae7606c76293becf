package io.livelink.link.grant;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Answers "may this member broadcast now?" from the local read model, with no call out. */
@ApplicationScoped
public class BroadcastPermissions {

    private final Clock clock;

    public BroadcastPermissions(Clock clock) {
        this.clock = clock;
    }

    public boolean mayBroadcast(String tenantId, String memberId) {
        Instant now = clock.instant();
        return BroadcastGrant.count(
                        "tenantId = ?1 and memberId = ?2 and revokedAt is null"
                                + " and grantedAt <= ?3 and (expiresAt is null or expiresAt > ?3)",
                        tenantId,
                        memberId,
                        now)
                > 0;
    }
}
