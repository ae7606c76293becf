package io.livelink.link.issue;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.refusal.Conflict;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.refusal.Refused;
import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import io.livelink.events.LinkIssued;
import io.livelink.link.signing.EnterpriseLink;
import io.livelink.link.signing.LinkSigner;
import io.livelink.link.signing.MemberIdCipher;
import io.livelink.link.stream.LiveStream;
import io.livelink.link.tenant.DepartedMember;
import io.livelink.link.tenant.DirectoryMember;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class LinkIssuer {

    private static final int SHORT_CODE_ATTEMPTS = 5;

    private final Caller caller;
    private final ShortCodes shortCodes;
    private final EventPublisher events;
    private final LinkSettings settings;
    private final LinkSigner signer;
    private final MemberIdCipher memberIds;
    private final LinkAddresses addresses;
    private final Clock clock;

    public LinkIssuer(
            Caller caller,
            ShortCodes shortCodes,
            EventPublisher events,
            LinkSettings settings,
            LinkSigner signer,
            MemberIdCipher memberIds,
            LinkAddresses addresses,
            Clock clock) {
        this.caller = caller;
        this.shortCodes = shortCodes;
        this.events = events;
        this.settings = settings;
        this.signer = signer;
        this.memberIds = memberIds;
        this.addresses = addresses;
        this.clock = clock;
    }

    @Transactional
    public IssuedLink issue(String streamId, IssueLinkRequest request) {
        LiveStream stream =
                LiveStream.findInTenant(caller.tenantId(), streamId)
                        .orElseThrow(() -> new NotFound("stream", streamId));
        if (stream.watchScope == io.livelink.link.stream.WatchScope.EVERYONE
                && stream.approvedAt == null) {
            throw new Conflict(
                    "stream-not-approved",
                    "a public stream gets links once a tenant admin approved it");
        }
        return switch (stream.type) {
            case H5 -> issueShortLink(stream, request);
            case ENTERPRISE -> issueMemberLink(stream, request);
            case MINI_PROGRAM -> issueMiniProgramLink(stream, request);
        };
    }

    private IssuedLink issueShortLink(LiveStream stream, IssueLinkRequest request) {
        StreamLink link = newLink(stream, request);
        link.shortCode = unusedShortCode();
        link.expiresAt = link.issuedAt.plus(settings.h5Validity());
        link.persist();
        announce(link, "short-code");
        return issued(link, addresses.shortLink(link.shortCode));
    }

    /**
     * A long-lived code opened inside WeChat: the plaintext URL scheme {@code weixin://dl/business}
     * for sharing, and the page path with query for official-account menus and articles.
     */
    private IssuedLink issueMiniProgramLink(LiveStream stream, IssueLinkRequest request) {
        StreamLink link = newLink(stream, request);
        link.shortCode = unusedShortCode();
        link.persist();
        announce(link, "short-code");
        LinkAddresses.MiniProgramAddress address =
                addresses.miniProgram(stream.tenantId, link.shortCode, link.channel);
        return new IssuedLink(
                link.id,
                link.streamId,
                link.streamType,
                address.scheme(),
                address.pagePath(),
                link.channel,
                link.issuedAt,
                link.expiresAt);
    }

    /** A signed link for one member, short-lived, re-issued on demand. */
    private IssuedLink issueMemberLink(LiveStream stream, IssueLinkRequest request) {
        String memberId = request.memberId() != null ? request.memberId() : caller.memberId();
        if (!memberId.equals(caller.memberId()) && !caller.is(Roles.TENANT_ADMIN)) {
            throw Refused.notAllowed(
                    "forbidden-role", "only a tenant admin issues links for other members");
        }
        if (DepartedMember.hasLeft(stream.tenantId, memberId)) {
            throw Refused.notAllowed(
                    "not-a-member", memberId + " is no longer a member of the tenant");
        }
        boolean adminForThemselves =
                caller.is(Roles.TENANT_ADMIN) && memberId.equals(caller.memberId());
        if (!adminForThemselves && !DirectoryMember.isMember(stream.tenantId, memberId)) {
            throw Refused.notAllowed(
                    "not-a-member", memberId + " is not a member of the tenant's directory");
        }
        if (!stream.admits(memberId, adminForThemselves)) {
            throw Refused.notAllowed(
                    "not-in-audience-group",
                    memberId + " is not in the stream's audience group " + stream.audienceGroupId);
        }
        StreamLink link = newLink(stream, request);
        link.memberId = memberId;
        link.issuedToAdmin = adminForThemselves;
        Instant issuedAt = link.issuedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        link.issuedAt = issuedAt;
        link.expiresAt = issuedAt.plus(settings.enterpriseValidity());
        link.persist();
        EnterpriseLink fields =
                new EnterpriseLink(
                        stream.id,
                        stream.tenantId,
                        issuedAt.getEpochSecond(),
                        link.id,
                        memberIds.encrypt(memberId, stream.id),
                        link.channel,
                        link.utmSource,
                        link.utmMedium,
                        link.utmCampaign);
        LinkSigner.Signature signature = signer.sign(fields.canonical());
        announce(link, signature.keyId());
        return issued(link, fields.url(settings.publicBaseUrl(), signature));
    }

    private StreamLink newLink(LiveStream stream, IssueLinkRequest request) {
        StreamLink link = new StreamLink();
        link.id = UUID.randomUUID().toString();
        link.streamId = stream.id;
        link.tenantId = stream.tenantId;
        link.streamType = stream.type;
        link.channel = request.channel();
        link.utmSource = request.utmSource() != null ? request.utmSource() : request.channel();
        link.utmMedium = request.utmMedium();
        link.utmCampaign = request.utmCampaign();
        link.issuedAt = clock.instant();
        return link;
    }

    private void announce(StreamLink link, String keyId) {
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
                        link.memberId,
                        keyId,
                        link.issuedAt,
                        link.expiresAt));
    }

    private static IssuedLink issued(StreamLink link, String url) {
        return new IssuedLink(
                link.id,
                link.streamId,
                link.streamType,
                url,
                null,
                link.channel,
                link.issuedAt,
                link.expiresAt);
    }

    /**
     * A collision among 62^10 codes is all but impossible; checking first keeps the tx clean. Five
     * in a row would mean a broken random source: refuse (503) rather than hand out a used code.
     */
    private String unusedShortCode() {
        for (int attempt = 0; attempt < SHORT_CODE_ATTEMPTS; attempt++) {
            String code = shortCodes.next();
            if (StreamLink.findByShortCode(code).isEmpty()) {
                return code;
            }
            Log.warnf(
                    "short code already in use (attempt %d of %d)",
                    attempt + 1, SHORT_CODE_ATTEMPTS);
        }
        throw Refused.unavailable(
                "short-codes-exhausted",
                "No short code available",
                "no unused short code after " + SHORT_CODE_ATTEMPTS + " attempts");
    }
}
