package io.livelink.permission.grant;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.events.BroadcastPermissionGranted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Creates grants and announces them; link-service's read model follows the events. */
@ApplicationScoped
public class Grants {

    private final EventPublisher events;

    public Grants(EventPublisher events) {
        this.events = events;
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
