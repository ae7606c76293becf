package io.livelink.link.revoke;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.problem.ProblemException;
import io.livelink.commons.security.Caller;
import io.livelink.events.LinkRevoked;
import io.livelink.link.issue.StreamLink;
import io.livelink.link.stream.LiveStream;
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

    public LinkRevocation(Caller caller, EventPublisher events, Clock clock) {
        this.caller = caller;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public int revokeLink(String linkId, String reason) {
        StreamLink link = StreamLink.findById(linkId);
        if (link == null || !link.tenantId.equals(caller.tenantId())) {
            throw ProblemException.notFound("link", linkId);
        }
        return revoke(List.of(link), reason);
    }

    @Transactional
    public int revokeStream(String streamId, String reason) {
        LiveStream.findInTenant(caller.tenantId(), streamId)
                .orElseThrow(() -> ProblemException.notFound("stream", streamId));
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

    private int revoke(List<StreamLink> links, String reason) {
        Instant now = clock.instant();
        int revoked = 0;
        for (StreamLink link : links) {
            if (link.revokedAt == null) {
                link.revokedAt = now;
                events.publish(new LinkRevoked(link.id, link.streamId, link.tenantId, reason, now));
                revoked++;
            }
        }
        return revoked;
    }
}
