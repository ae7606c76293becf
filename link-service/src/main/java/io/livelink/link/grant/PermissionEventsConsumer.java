package io.livelink.link.grant;

import io.livelink.commons.consume.BatchConsumer;
import io.livelink.commons.consume.Consumption;
import io.livelink.commons.consume.EachEventHandler;
import io.livelink.commons.consume.ExactlyOnce;
import io.livelink.events.BroadcastPermissionGranted;
import io.livelink.events.BroadcastPermissionRevoked;
import io.livelink.events.EventType;
import io.livelink.events.LiveLinkEvent;
import io.livelink.link.revoke.LinkRevocation;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the broadcast-grant read model in step with permission-service. Each batch of events is
 * applied in one transaction with their processed-event marks ({@link BatchConsumer}), so
 * redeliveries change nothing; malformed records go to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class PermissionEventsConsumer implements EachEventHandler<LiveLinkEvent> {

    public static final String CHANNEL = "permission-events";
    private static final Consumption<LiveLinkEvent> CONSUMPTION =
            new Consumption<>(
                    "link-service/broadcast-grants",
                    ExactlyOnce.PROCESSED_EVENT_MARKS,
                    LiveLinkEvent.class,
                    Set.of(
                            EventType.BROADCAST_PERMISSION_GRANTED,
                            EventType.BROADCAST_PERMISSION_REVOKED),
                    Consumption.OtherEvents.IGNORED);

    private final BatchConsumer batches;
    private final LinkRevocation revocation;

    public PermissionEventsConsumer(BatchConsumer batches, LinkRevocation revocation) {
        this.batches = batches;
        this.revocation = revocation;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.consume(records, this);
    }

    @Override
    public Consumption<LiveLinkEvent> consumption() {
        return CONSUMPTION;
    }

    @Override
    public void applyOne(LiveLinkEvent event) {
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
