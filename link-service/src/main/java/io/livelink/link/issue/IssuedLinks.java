package io.livelink.link.issue;

import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.refusal.Refused;
import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import io.livelink.link.stream.LiveStream;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** The links issued so far, of a stream or of a member, newest first, with their state. */
@ApplicationScoped
public class IssuedLinks {

    private static final String NEWEST_FIRST = " order by issuedAt desc, id desc";

    private final Caller caller;
    private final LinkAddresses addresses;

    public IssuedLinks(Caller caller, LinkAddresses addresses) {
        this.caller = caller;
        this.addresses = addresses;
    }

    /**
     * A tenant admin and the stream's creator see all its links; another member only the member
     * links issued to them (who issued an H5 or MINI_PROGRAM link is not recorded). Another
     * tenant's stream answers 404.
     */
    @Transactional
    public List<ListedLink> ofStream(String streamId, int page, int size) {
        LiveStream stream =
                LiveStream.findInTenant(caller.tenantId(), streamId)
                        .orElseThrow(() -> new NotFound("stream", streamId));
        List<StreamLink> links;
        if (caller.is(Roles.TENANT_ADMIN) || caller.memberId().equals(stream.createdBy)) {
            links =
                    StreamLink.<StreamLink>find("streamId = ?1" + NEWEST_FIRST, streamId)
                            .page(Page.of(page, size))
                            .list();
        } else {
            links =
                    StreamLink.<StreamLink>find(
                                    "streamId = ?1 and memberId = ?2" + NEWEST_FIRST,
                                    streamId,
                                    caller.memberId())
                            .page(Page.of(page, size))
                            .list();
        }
        return links.stream().map(this::listed).toList();
    }

    /**
     * The member links issued to a member, in the caller's tenant only (another tenant's member has
     * none here); a tenant admin asks for anyone, a member for themselves.
     */
    @Transactional
    public List<ListedLink> ofMember(String memberId, int page, int size) {
        if (!caller.is(Roles.TENANT_ADMIN) && !memberId.equals(caller.memberId())) {
            throw Refused.notAllowed(
                    "forbidden-role", "only a tenant admin lists the links of other members");
        }
        return StreamLink.<StreamLink>find(
                        "tenantId = ?1 and memberId = ?2" + NEWEST_FIRST,
                        caller.tenantId(),
                        memberId)
                .page(Page.of(page, size))
                .list()
                .stream()
                .map(this::listed)
                .toList();
    }

    private ListedLink listed(StreamLink link) {
        String url = null;
        String pagePath = null;
        switch (link.streamType) {
            case H5 -> url = addresses.shortLink(link.shortCode);
            case MINI_PROGRAM -> {
                LinkAddresses.MiniProgramAddress address =
                        addresses.miniProgram(link.tenantId, link.shortCode, link.channel);
                url = address.scheme();
                pagePath = address.pagePath();
            }
            case ENTERPRISE -> {
                // The signed URL is not kept and is not signed again here: see ListedLink.url.
            }
        }
        return new ListedLink(
                link.id,
                link.streamId,
                link.streamType,
                url,
                pagePath,
                link.channel,
                link.utmSource,
                link.utmMedium,
                link.utmCampaign,
                link.memberId,
                link.issuedAt,
                link.expiresAt,
                link.revokedAt);
    }
}
