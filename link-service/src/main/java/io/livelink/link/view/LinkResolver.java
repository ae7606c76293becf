package io.livelink.link.view;

import io.livelink.commons.outbox.KafkaFirstPublisher;
import io.livelink.commons.refusal.Refused;
import io.livelink.events.Playback;
import io.livelink.events.StreamState;
import io.livelink.events.StreamType;
import io.livelink.events.ViewKind;
import io.livelink.link.audience.AudienceGroup;
import io.livelink.link.issue.ShortCodes;
import io.livelink.link.metrics.CountedResolve;
import io.livelink.link.signing.EnterpriseLink;
import io.livelink.link.signing.LinkSigner;
import io.livelink.link.signing.MemberIdCipher;
import io.livelink.link.signing.SigningSettings;
import io.livelink.link.stream.WatchScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The hot path: checks a link and opens a view session. Refusals are distinct and precise (tampered
 * 403, expired or revoked 410, unknown 404, not a member or not watchable 403). Nothing is written
 * to PostgreSQL: links, streams and members come from {@link ResolveTargets}, revocations from
 * {@link RevocationState}, the session is a signed token, and the answer waits for the JOIN to be
 * acknowledged by Kafka (or, when Kafka does not answer in time, committed to the outbox).
 */
@ApplicationScoped
public class LinkResolver {

    private final KafkaFirstPublisher events;
    private final LinkSigner signer;
    private final MemberIdCipher memberIds;
    private final SigningSettings signing;
    private final Clock clock;
    private final ResolveTargets targets;
    private final RevocationState revocations;
    private final ViewSessions sessions;

    public LinkResolver(
            KafkaFirstPublisher events,
            LinkSigner signer,
            MemberIdCipher memberIds,
            SigningSettings signing,
            Clock clock,
            ResolveTargets targets,
            RevocationState revocations,
            ViewSessions sessions) {
        this.events = events;
        this.signer = signer;
        this.memberIds = memberIds;
        this.signing = signing;
        this.clock = clock;
        this.targets = targets;
        this.revocations = revocations;
        this.sessions = sessions;
    }

    @CountedResolve(StreamType.H5)
    public CompletionStage<ResolveAnswer> resolveShortCode(
            String code, String viewerId, String userAgent) {
        return resolveCode(StreamType.H5, code, viewerId, userAgent);
    }

    /**
     * Resolves a MINI_PROGRAM code for a viewer inside WeChat, identified by their OpenID; the link
     * may not be promoted outside WeChat, so any other client is refused.
     */
    @CountedResolve(StreamType.MINI_PROGRAM)
    public CompletionStage<ResolveAnswer> resolveMiniProgram(
            String code, String openId, String userAgent) {
        if (!insideWeChatMiniProgram(userAgent)) {
            throw Refused.notAllowed(
                    "outside-wechat", "mini-program links open only inside WeChat");
        }
        return resolveCode(StreamType.MINI_PROGRAM, code, openId, userAgent);
    }

    static boolean insideWeChatMiniProgram(String userAgent) {
        if (userAgent == null) {
            return false;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        return ua.contains("micromessenger")
                && (ua.contains("miniprogram") || ua.contains("miniprogramenv"));
    }

    /** The stream behind a short code, for a link preview: no session, no view. */
    ResolveTargets.StreamTarget previewOf(String code) {
        ResolveTargets.LinkTarget link = liveLinkByCode(StreamType.H5, code, clock.instant());
        return targets.stream(link.streamId()).orElseThrow(ViewRefusals::unknownLink);
    }

    private CompletionStage<ResolveAnswer> resolveCode(
            StreamType type, String code, String viewerId, String userAgent) {
        Instant now = clock.instant();
        ResolveTargets.LinkTarget link = liveLinkByCode(type, code, now);
        ResolveTargets.StreamTarget stream =
                targets.stream(link.streamId()).orElseThrow(ViewRefusals::unknownLink);
        return openSession(stream, link, viewerId, userAgent, now);
    }

    private ResolveTargets.LinkTarget liveLinkByCode(StreamType type, String code, Instant now) {
        if (!ShortCodes.isWellFormed(code)) {
            throw ViewRefusals.unknownLink();
        }
        ResolveTargets.LinkTarget link =
                targets.linkByCode(code)
                        .filter(found -> found.streamType() == type)
                        .orElseThrow(ViewRefusals::unknownLink);
        requireLive(link, now);
        return link;
    }

    /**
     * Resolves an ENTERPRISE member link: the signature first (so a forged link learns nothing),
     * then the link's state, then the member, who must be in the tenant's directory and not have
     * left it, unless the stream is open to everyone.
     */
    @CountedResolve(StreamType.ENTERPRISE)
    public CompletionStage<ResolveAnswer> resolveEnterprise(
            EnterpriseLink fields, String keyId, String signature, String userAgent) {
        if (!signer.verify(keyId, fields.canonical(), signature)) {
            throw ViewRefusals.tampered("Link");
        }
        Instant now = clock.instant();
        if (Instant.ofEpochSecond(fields.ts()).isAfter(now.plus(signing.clockSkew()))) {
            throw ViewRefusals.tampered("Link");
        }
        ResolveTargets.LinkTarget link =
                targets.linkById(fields.nonce()).orElseThrow(ViewRefusals::unknownLink);
        if (link.streamType() != StreamType.ENTERPRISE
                || !link.streamId().equals(fields.streamId())) {
            throw ViewRefusals.tampered("Link");
        }
        requireLive(link, now);
        String memberId =
                memberIds
                        .decrypt(fields.m(), fields.streamId())
                        .orElseThrow(() -> ViewRefusals.tampered("Link"));
        ResolveTargets.StreamTarget stream =
                targets.stream(link.streamId()).orElseThrow(ViewRefusals::unknownLink);
        if (!memberId.equals(link.memberId()) || !stream.tenantId().equals(fields.corp())) {
            throw ViewRefusals.tampered("Link");
        }
        if (stream.watchScope() == WatchScope.EMPLOYEES_ONLY
                && (revocations.hasLeft(stream.tenantId(), memberId)
                        || !(link.issuedToAdmin()
                                || targets.isKnownMember(stream.tenantId(), memberId)))) {
            throw Refused.notAllowed(
                    "not-a-member", "the link's member does not belong to the tenant");
        }
        if (!admits(stream, memberId, link.issuedToAdmin())) {
            throw Refused.notAllowed(
                    "not-in-audience-group",
                    "the link's member is not in the stream's audience group");
        }
        return openSession(stream, link, memberId, userAgent, now);
    }

    /**
     * An unbound stream admits any member; a bound one its group's members, its creator (a course's
     * lecturer) and a tenant admin holding a link for themselves.
     */
    private static boolean admits(
            ResolveTargets.StreamTarget stream, String memberId, boolean adminForThemselves) {
        if (stream.audienceGroupId() == null
                || adminForThemselves
                || memberId.equals(stream.createdBy())) {
            return true;
        }
        EventLoopFirst.requireWorkerThread();
        return AudienceGroup.hasMember(stream.tenantId(), stream.audienceGroupId(), memberId);
    }

    private void requireLive(ResolveTargets.LinkTarget link, Instant now) {
        if (link.revokedAt() != null) {
            throw ViewRefusals.gone("revoked", "Link revoked", "this link was revoked");
        }
        revocations
                .refusalOfLink(link.id())
                .ifPresent(
                        refusal -> {
                            throw ViewRefusals.gone(refusal);
                        });
        if (link.expiresAt() != null && !now.isBefore(link.expiresAt())) {
            throw ViewRefusals.gone(
                    "expired", "Link expired", "this link expired at " + link.expiresAt());
        }
    }

    private CompletionStage<ResolveAnswer> openSession(
            ResolveTargets.StreamTarget stream,
            ResolveTargets.LinkTarget link,
            String viewerId,
            String userAgent,
            Instant now) {
        Playback playback = stream.state() == StreamState.ENDED ? Playback.REPLAY : Playback.LIVE;
        if (playback == Playback.REPLAY && !stream.replayEnabled()) {
            throw Refused.notAllowed(
                    "stream-not-watchable", "the stream has ended and has no replay");
        }
        ViewSessionToken session =
                new ViewSessionToken(
                        UUID.randomUUID().toString(),
                        stream.id(),
                        stream.tenantId(),
                        stream.type(),
                        link.id(),
                        viewerId,
                        playback,
                        Devices.fromUserAgent(userAgent),
                        link.channel(),
                        link.utmSource(),
                        link.utmMedium(),
                        link.utmCampaign(),
                        Instant.ofEpochMilli(now.toEpochMilli()));
        ResolveAnswer answer = sessions.answer(session, stream, now);
        return events.publish(session.event(ViewKind.JOIN, now)).thenApply(acknowledged -> answer);
    }
}
