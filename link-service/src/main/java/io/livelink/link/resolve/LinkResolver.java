package io.livelink.link.resolve;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.problem.Problem;
import io.livelink.commons.problem.ProblemException;
import io.livelink.events.Playback;
import io.livelink.events.StreamState;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.link.issue.ShortCodes;
import io.livelink.link.issue.StreamLink;
import io.livelink.link.stream.LiveStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The hot path: checks an H5 short link and opens a view session. The JOIN event goes into the
 * outbox in the same transaction, so the response never waits for Kafka and no view is lost.
 */
@ApplicationScoped
public class LinkResolver {

    private final EventPublisher events;
    private final Clock clock;
    private final String playBaseUrl;

    public LinkResolver(
            EventPublisher events,
            Clock clock,
            @ConfigProperty(name = "livelink.media.play-base-url") String playBaseUrl) {
        this.events = events;
        this.clock = clock;
        this.playBaseUrl = playBaseUrl;
    }

    @Transactional
    public ResolveAnswer resolveShortCode(String code, String viewerId, String userAgent) {
        if (!ShortCodes.isWellFormed(code)) {
            throw unknownLink();
        }
        StreamLink link = StreamLink.findByShortCode(code).orElseThrow(LinkResolver::unknownLink);
        Instant now = clock.instant();
        if (link.revokedAt != null) {
            throw gone("revoked", "Link revoked", "this link was revoked");
        }
        if (link.expiresAt != null && !now.isBefore(link.expiresAt)) {
            throw gone("expired", "Link expired", "this link expired at " + link.expiresAt);
        }
        LiveStream stream = LiveStream.findById(link.streamId);
        Playback playback = stream.state == StreamState.ENDED ? Playback.REPLAY : Playback.LIVE;
        if (playback == Playback.REPLAY && !stream.replayEnabled) {
            throw ProblemException.forbidden(
                    "stream-not-watchable", "the stream has ended and has no replay");
        }

        ViewSession session = new ViewSession();
        session.id = UUID.randomUUID().toString();
        session.streamId = stream.id;
        session.linkId = link.id;
        session.tenantId = stream.tenantId;
        session.viewerId = viewerId;
        session.playback = playback;
        session.device = Devices.fromUserAgent(userAgent);
        session.openedAt = now;
        session.lastSeenAt = now;
        session.persist();
        events.publish(
                new ViewEvent(
                        stream.id,
                        stream.tenantId,
                        stream.type,
                        link.id,
                        viewerId,
                        ViewerIdKind.CLOUD_UID,
                        session.id,
                        ViewKind.JOIN,
                        playback,
                        session.device,
                        link.channel,
                        link.utmSource,
                        link.utmMedium,
                        link.utmCampaign,
                        now));
        return new ResolveAnswer(
                stream.id,
                stream.type,
                stream.state,
                playback,
                playBaseUrl + "/" + stream.id + ".m3u8",
                session.id,
                viewerId);
    }

    private static ProblemException unknownLink() {
        return new ProblemException(
                Problem.of(404, "unknown-link", "Unknown link", "no such link"));
    }

    private static ProblemException gone(String reason, String title, String detail) {
        return new ProblemException(Problem.of(410, reason, title, detail));
    }
}
