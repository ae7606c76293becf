package io.livelink.link.resolve;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.problem.Problem;
import io.livelink.commons.problem.ProblemException;
import io.livelink.events.Playback;
import io.livelink.events.StreamState;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.link.cdn.PlayUrlSigner;
import io.livelink.link.issue.ShortCodes;
import io.livelink.link.issue.StreamLink;
import io.livelink.link.metrics.CountedResolve;
import io.livelink.link.signing.EnterpriseLink;
import io.livelink.link.signing.LinkSigner;
import io.livelink.link.signing.MemberIdCipher;
import io.livelink.link.signing.SigningSettings;
import io.livelink.link.stream.LiveStream;
import io.livelink.link.stream.WatchScope;
import io.livelink.link.tenant.DepartedMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The hot path: checks a link and opens a view session. Refusals are distinct and precise (tampered
 * 403, expired or revoked 410, unknown 404, not a member or not watchable 403). The JOIN event goes
 * into the outbox in the same transaction, so the response never waits for Kafka and no view is
 * lost.
 */
@ApplicationScoped
public class LinkResolver {

    private final EventPublisher events;
    private final LinkSigner signer;
    private final MemberIdCipher memberIds;
    private final SigningSettings signing;
    private final Clock clock;
    private final PlayUrlSigner playUrls;
    private final ResolveTargets targets;

    public LinkResolver(
            EventPublisher events,
            LinkSigner signer,
            MemberIdCipher memberIds,
            SigningSettings signing,
            Clock clock,
            PlayUrlSigner playUrls,
            ResolveTargets targets) {
        this.events = events;
        this.signer = signer;
        this.memberIds = memberIds;
        this.signing = signing;
        this.clock = clock;
        this.playUrls = playUrls;
        this.targets = targets;
    }

    @Transactional
    @CountedResolve(StreamType.H5)
    public ResolveAnswer resolveShortCode(String code, String viewerId, String userAgent) {
        return resolveCode(StreamType.H5, code, viewerId, userAgent);
    }

    /**
     * Resolves a MINI_PROGRAM code for a viewer inside WeChat, identified by their OpenID; the link
     * may not be promoted outside WeChat, so any other client is refused.
     */
    @Transactional
    @CountedResolve(StreamType.MINI_PROGRAM)
    public ResolveAnswer resolveMiniProgram(String code, String openId, String userAgent) {
        if (!insideWeChatMiniProgram(userAgent)) {
            throw ProblemException.forbidden(
                    "outside-wechat", "mini-program links open only inside WeChat");
        }
        return resolveCode(StreamType.MINI_PROGRAM, code, openId, userAgent);
    }

    static boolean insideWeChatMiniProgram(String userAgent) {
        if (userAgent == null) {
            return false;
        }
        String ua = userAgent.toLowerCase(java.util.Locale.ROOT);
        return ua.contains("micromessenger")
                && (ua.contains("miniprogram") || ua.contains("miniprogramenv"));
    }

    private ResolveAnswer resolveCode(
            StreamType type, String code, String viewerId, String userAgent) {
        if (!ShortCodes.isWellFormed(code)) {
            throw unknownLink();
        }
        ResolveTargets.LinkTarget link =
                targets.linkByCode(code)
                        .filter(found -> found.streamType() == type)
                        .orElseThrow(LinkResolver::unknownLink);
        Instant now = clock.instant();
        requireLive(link.revokedAt(), link.expiresAt(), now);
        return openSession(targets.stream(link.streamId()), link, viewerId, userAgent, now);
    }

    /**
     * Resolves an ENTERPRISE member link: the signature first (so a forged link learns nothing),
     * then the link's state, then the member, who must still belong to the tenant unless the stream
     * is open to everyone.
     */
    @Transactional
    @CountedResolve(StreamType.ENTERPRISE)
    public ResolveAnswer resolveEnterprise(
            EnterpriseLink fields, String keyId, String signature, String userAgent) {
        if (!signer.verify(keyId, fields.canonical(), signature)) {
            throw tampered();
        }
        Instant now = clock.instant();
        if (Instant.ofEpochSecond(fields.ts()).isAfter(now.plus(signing.clockSkew()))) {
            throw tampered();
        }
        StreamLink link =
                StreamLink.<StreamLink>findByIdOptional(fields.nonce())
                        .orElseThrow(LinkResolver::unknownLink);
        if (link.streamType != StreamType.ENTERPRISE || !link.streamId.equals(fields.streamId())) {
            throw tampered();
        }
        requireLive(link.revokedAt, link.expiresAt, now);
        String memberId =
                memberIds
                        .decrypt(fields.m(), fields.streamId())
                        .orElseThrow(LinkResolver::tampered);
        LiveStream stream = LiveStream.findById(link.streamId);
        if (!memberId.equals(link.memberId) || !stream.tenantId.equals(fields.corp())) {
            throw tampered();
        }
        if (stream.watchScope == WatchScope.EMPLOYEES_ONLY
                && DepartedMember.hasLeft(stream.tenantId, memberId)) {
            throw ProblemException.forbidden(
                    "not-a-member", "the link's member no longer belongs to the tenant");
        }
        if (!stream.admits(memberId, link.issuedToAdmin)) {
            throw ProblemException.forbidden(
                    "not-in-audience-group",
                    "the link's member is not in the stream's audience group");
        }
        return openSession(
                ResolveTargets.StreamTarget.of(stream),
                ResolveTargets.LinkTarget.of(link),
                memberId,
                userAgent,
                now);
    }

    private void requireLive(Instant revokedAt, Instant expiresAt, Instant now) {
        if (revokedAt != null) {
            throw gone("revoked", "Link revoked", "this link was revoked");
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            throw gone("expired", "Link expired", "this link expired at " + expiresAt);
        }
    }

    private ResolveAnswer openSession(
            ResolveTargets.StreamTarget stream,
            ResolveTargets.LinkTarget link,
            String viewerId,
            String userAgent,
            Instant now) {
        Playback playback = stream.state() == StreamState.ENDED ? Playback.REPLAY : Playback.LIVE;
        if (playback == Playback.REPLAY && !stream.replayEnabled()) {
            throw ProblemException.forbidden(
                    "stream-not-watchable", "the stream has ended and has no replay");
        }
        ViewSession session = new ViewSession();
        session.id = UUID.randomUUID().toString();
        session.streamId = stream.id();
        session.linkId = link.id();
        session.tenantId = stream.tenantId();
        session.viewerId = viewerId;
        session.playback = playback;
        session.device = Devices.fromUserAgent(userAgent);
        session.openedAt = now;
        session.lastSeenAt = now;
        session.persist();
        events.publish(
                new ViewEvent(
                        stream.id(),
                        stream.tenantId(),
                        stream.type(),
                        link.id(),
                        viewerId,
                        ViewerIds.kindFor(stream.type()),
                        session.id,
                        ViewKind.JOIN,
                        playback,
                        session.device,
                        link.channel(),
                        link.utmSource(),
                        link.utmMedium(),
                        link.utmCampaign(),
                        now));
        return new ResolveAnswer(
                stream.id(),
                stream.type(),
                stream.state(),
                playback,
                playUrls.playUrl(stream.id(), now),
                session.id,
                viewerId);
    }

    private static ProblemException unknownLink() {
        return new ProblemException(
                Problem.of(404, "unknown-link", "Unknown link", "no such link"));
    }

    private static ProblemException tampered() {
        return new ProblemException(
                Problem.of(
                        403,
                        "tampered",
                        "Link not valid",
                        "the link was altered or not issued by LiveLink"));
    }

    private static ProblemException gone(String reason, String title, String detail) {
        return new ProblemException(Problem.of(410, reason, title, detail));
    }
}
