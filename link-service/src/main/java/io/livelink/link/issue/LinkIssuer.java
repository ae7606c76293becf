package io.livelink.link.issue;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.problem.Problem;
import io.livelink.commons.problem.ProblemException;
import io.livelink.commons.security.Caller;
import io.livelink.events.LinkIssued;
import io.livelink.events.StreamType;
import io.livelink.link.stream.LiveStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class LinkIssuer {

    private final Caller caller;
    private final ShortCodes shortCodes;
    private final EventPublisher events;
    private final LinkSettings settings;
    private final Clock clock;

    public LinkIssuer(
            Caller caller,
            ShortCodes shortCodes,
            EventPublisher events,
            LinkSettings settings,
            Clock clock) {
        this.caller = caller;
        this.shortCodes = shortCodes;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public IssuedLink issue(String streamId, IssueLinkRequest request) {
        LiveStream stream =
                LiveStream.findInTenant(caller.tenantId(), streamId)
                        .orElseThrow(() -> ProblemException.notFound("stream", streamId));
        if (stream.type != StreamType.H5) {
            throw new ProblemException(
                    Problem.of(
                            501,
                            "link-type-not-available",
                            "Link type not available",
                            stream.type + " links are not issued by this version yet"));
        }
        Instant now = clock.instant();
        StreamLink link = new StreamLink();
        link.id = UUID.randomUUID().toString();
        link.streamId = stream.id;
        link.tenantId = stream.tenantId;
        link.streamType = stream.type;
        link.shortCode = unusedShortCode();
        link.channel = request.channel();
        link.utmSource = request.utmSource() != null ? request.utmSource() : request.channel();
        link.utmMedium = request.utmMedium();
        link.utmCampaign = request.utmCampaign();
        link.issuedAt = now;
        link.expiresAt = now.plus(settings.h5Validity());
        link.persist();
        events.publish(
                new LinkIssued(
                        link.id,
                        link.streamId,
                        link.tenantId,
                        link.streamType,
                        link.channel,
                        link.utmSource,
                        link.utmMedium,
                        link.utmCampaign,
                        null,
                        "short-code",
                        link.issuedAt,
                        link.expiresAt));
        return new IssuedLink(
                link.id,
                link.streamId,
                link.streamType,
                settings.publicBaseUrl() + "/s/" + link.shortCode,
                link.channel,
                link.issuedAt,
                link.expiresAt);
    }

    /** A collision among 62^10 codes is all but impossible; checking first keeps the tx clean. */
    private String unusedShortCode() {
        for (int attempt = 0; attempt < 5; attempt++) {
            String code = shortCodes.next();
            if (StreamLink.findByShortCode(code).isEmpty()) {
                return code;
            }
        }
        throw new IllegalStateException("no unused short code after 5 attempts");
    }
}
