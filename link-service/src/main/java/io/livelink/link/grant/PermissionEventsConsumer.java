package io.livelink.link.grant;

import io.livelink.commons.inbox.ProcessedEvents;
import io.livelink.events.BroadcastPermissionGranted;
import io.livelink.events.BroadcastPermissionRevoked;
import io.livelink.events.EventCodec;
import io.livelink.events.EventEnvelope;
import io.livelink.events.LiveLinkEvent;
import io.livelink.link.revoke.LinkRevocation;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the broadcast-grant read model in step with permission-service. Each event is applied in
 * one transaction with its processed-event mark, so redeliveries change nothing; malformed records
 * go to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class PermissionEventsConsumer {

    public static final String CHANNEL = "permission-events";
    private static final String CONSUMER = "link-service/broadcast-grants";

    private final ProcessedEvents processed;
    private final LinkRevocation revocation;

    public PermissionEventsConsumer(ProcessedEvents processed, LinkRevocation revocation) {
        this.processed = processed;
        this.revocation = revocation;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void apply(String record) {
        EventEnvelope envelope = EventCodec.decode(record);
        if (!processed.firstDelivery(CONSUMER, envelope.id())) {
            return;
        }
        LiveLinkEvent event = EventCodec.data(envelope);
        if (event instanceof BroadcastPermissionGranted granted) {
            BroadcastGrant grant = BroadcastGrant.findById(granted.grantId());
            if (grant == null) {
                grant = new BroadcastGrant();
                grant.grantId = granted.grantId();
            }
            grant.tenantId = granted.tenantId();
            grant.memberId = granted.memberId();
            grant.grantedAt = granted.grantedAt();
            grant.expiresAt = granted.expiresAt();
            grant.persist();
            Log.infof(
                    "broadcast grant %s for member %s of tenant %s",
                    grant.grantId, grant.memberId, grant.tenantId);
        } else if (event instanceof BroadcastPermissionRevoked revoked) {
            BroadcastGrant grant = BroadcastGrant.findById(revoked.grantId());
            if (grant == null) {
                // The revocation overtook nothing we know; remember it so a late grant stays dead.
                grant = new BroadcastGrant();
                grant.grantId = revoked.grantId();
                grant.tenantId = revoked.tenantId();
                grant.memberId = revoked.memberId();
                grant.grantedAt = revoked.revokedAt();
            }
            grant.revokedAt = revoked.revokedAt();
            grant.persist();
            // Losing access ends the member's ENTERPRISE links, and so their open views, at once.
            revocation.revokeMemberIn(revoked.tenantId(), revoked.memberId(), "grant revoked");
            Log.infof("broadcast grant %s revoked", grant.grantId);
        }
    }
}
