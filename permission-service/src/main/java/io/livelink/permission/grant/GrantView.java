package io.livelink.permission.grant;

import java.time.Instant;

public record GrantView(
        String id,
        String tenantId,
        String memberId,
        String requestId,
        String subAccountId,
        String subAccountLogin,
        String grantedBy,
        Instant grantedAt,
        Instant expiresAt,
        Instant revokedAt) {

    public static GrantView of(BroadcastGrant g) {
        return new GrantView(
                g.id,
                g.tenantId,
                g.memberId,
                g.requestId,
                g.subAccountId,
                g.subAccountLogin,
                g.grantedBy,
                g.grantedAt,
                g.expiresAt,
                g.revokedAt);
    }
}
