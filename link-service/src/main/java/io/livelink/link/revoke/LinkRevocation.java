package io.livelink.link.revoke;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.security.Caller;
import io.livelink.events.LinkRevoked;
import io.livelink.link.issue.StreamLink;
import io.livelink.link.stream.LiveStream;
import io.livelink.link.view.RevocationLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Revokes one link, every link of a stream, or every link a member holds; each announced. */
@ApplicationScoped
public class LinkRevocation {

    private final Caller caller;
    private final EventPublisher events;
    private final Clock clock;
    private final RevocationLog revocationLog;

    public LinkRevocation(
            Caller caller, EventPublisher events, Clock clock, RevocationLog revocationLog) {
        this.caller = caller;
        this.events = events;
        this.clock = clock;
        this.revocationLog = revocationLog;
    }

    @Transactional
    public int revokeLink(String linkId, String reason) {
        StreamLink link = StreamLink.findById(linkId);
        if (link == null || !link.tenantId.equals(caller.tenantId())) {
            throw new NotFound("link", linkId);
        }
        return revoke(List.of(link), reason);
    }

    @Transactional
    public int revokeStream(String streamId, String reason) {
        LiveStream.findInTenant(caller.tenantId(), streamId)
                .orElseThrow(() -> new NotFound("stream", streamId));
        return revoke(StreamLink.list("streamId = ?1 and revokedAt is null", streamId), reason);
    }

    @Transactional
    public int revokeMember(String memberId, String reason) {
        return revokeMemberIn(caller.tenantId(), memberId, reason);
    }

    /** For event consumers, which act for the tenant an event names rather than for a caller. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int revokeMemberIn(String tenantId, String memberId, String reason) {
        return revoke(StreamLink.list("#" + StreamLink.LIVE_OF_MEMBER, tenantId, memberId), reason);
    }

    /**
     * Revokes these links (those not revoked yet), for event consumers that found them. Their open
     * views end: heartbeats are refused, media servers drop their players, analytics ends the
     * sessions as of now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int revoke(List<StreamLink> links, String reason) {
        Instant now = clock.instant();
        List<StreamLink> revoked = links.stream().filter(link -> link.revokedAt == null).toList();
        for (StreamLink link : revoked) {
            link.revokedAt = now;
            events.publish(new LinkRevoked(link.id, link.streamId, link.tenantId, reason, now));
        }
        revoked.stream()
                .collect(java.util.stream.Collectors.groupingBy(link -> link.tenantId))
                .forEach(
                        (tenantId, ofTenant) ->
                                revocationLog.linksRevoked(
                                        tenantId,
                                        ofTenant.stream().map(link -> link.id).toList(),
                                        reason,
                                        now));
        return revoked.size();
    }
}
