package io.livelink.permission.grant;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.refusal.NotFound;
import io.livelink.events.BroadcastPermissionGranted;
import io.livelink.events.BroadcastPermissionRevoked;
import io.livelink.permission.audit.AuditTrail;
import io.livelink.permission.directory.MemberDeparted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Creates and revokes grants and announces them; link-service's read model follows the events. */
@ApplicationScoped
public class Grants {

    private final EventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;

    public Grants(EventPublisher events, AuditTrail audit, Clock clock) {
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** A grant starting at {@code now}, lasting {@code validFor} (null: until revoked). */
    @Transactional(Transactional.TxType.MANDATORY)
    public BroadcastGrant grant(
            String tenantId,
            String memberId,
            String requestId,
            String grantedBy,
            Instant now,
            Duration validFor) {
        BroadcastGrant grant = new BroadcastGrant();
        grant.id = UUID.randomUUID().toString();
        grant.tenantId = tenantId;
        grant.memberId = memberId;
        grant.requestId = requestId;
        grant.subAccountId = UUID.randomUUID().toString();
        grant.subAccountLogin = subAccountLogin(memberId, grant.subAccountId);
        grant.grantedBy = grantedBy;
        grant.grantedAt = now;
        grant.expiresAt = validFor != null ? now.plus(validFor) : null;
        grant.persist();
        events.publish(
                new BroadcastPermissionGranted(
                        grant.id,
                        requestId,
                        tenantId,
                        memberId,
                        grant.subAccountId,
                        grant.subAccountLogin,
                        grantedBy,
                        grant.grantedAt,
                        grant.expiresAt));
        audit.record(
                tenantId,
                "grant.created",
                "grant",
                grant.id,
                null,
                grant.expiresAt == null
                        ? Map.of("memberId", memberId, "subAccountLogin", grant.subAccountLogin)
                        : Map.of(
                                "memberId",
                                memberId,
                                "subAccountLogin",
                                grant.subAccountLogin,
                                "expiresAt",
                                grant.expiresAt));
        return grant;
    }

    /** Revokes a grant; revoking it again changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public BroadcastGrant revoke(BroadcastGrant grant, String revokedBy, String reason) {
        if (grant.revokedAt != null) {
            return grant;
        }
        grant.revokedAt = clock.instant();
        events.publish(
                new BroadcastPermissionRevoked(
                        grant.id,
                        grant.tenantId,
                        grant.memberId,
                        revokedBy,
                        reason,
                        grant.revokedAt));
        if (AuditTrail.SYSTEM.equals(revokedBy)) {
            audit.recordBySystem(
                    grant.tenantId,
                    "grant.revoked",
                    "grant",
                    grant.id,
                    reason,
                    Map.of("memberId", grant.memberId));
        } else {
            audit.record(
                    grant.tenantId,
                    "grant.revoked",
                    "grant",
                    grant.id,
                    reason,
                    Map.of("memberId", grant.memberId));
        }
        return grant;
    }

    /** A member who leaves loses every grant at once. */
    void onMemberDeparted(@Observes MemberDeparted departed) {
        BroadcastGrant.<BroadcastGrant>list(
                        "tenantId = ?1 and memberId = ?2 and revokedAt is null",
                        departed.tenantId(),
                        departed.memberId())
                .forEach(grant -> revoke(grant, AuditTrail.SYSTEM, "member left the tenant"));
    }

    /** The grant in force for a member now, if any. */
    public static java.util.Optional<BroadcastGrant> activeGrant(
            String tenantId, String memberId, Instant now) {
        return BroadcastGrant.<BroadcastGrant>find(
                        "tenantId = ?1 and memberId = ?2 and revokedAt is null and grantedAt <= ?3"
                                + " and (expiresAt is null or expiresAt > ?3) order by grantedAt desc",
                        tenantId,
                        memberId,
                        now)
                .firstResultOptional();
    }

    static BroadcastGrant inTenant(String tenantId, String grantId) {
        BroadcastGrant grant = BroadcastGrant.findById(grantId);
        if (grant == null || !grant.tenantId.equals(tenantId)) {
            throw new NotFound("grant", grantId);
        }
        return grant;
    }

    /** The login shown to the member: their id made login-safe plus a short unique suffix. */
    private static String subAccountLogin(String memberId, String subAccountId) {
        String base = memberId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        if (base.length() > 150) {
            base = base.substring(0, 150);
        }
        return base + ".live-" + subAccountId.substring(0, 8);
    }
}
