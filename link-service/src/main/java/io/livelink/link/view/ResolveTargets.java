package io.livelink.link.view;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.livelink.events.StreamState;
import io.livelink.events.StreamType;
import io.livelink.link.issue.StreamLink;
import io.livelink.link.stream.LiveStream;
import io.livelink.link.stream.StreamChanged;
import io.livelink.link.stream.WatchScope;
import io.livelink.link.tenant.DirectoryMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * What resolving reads about links, streams and members, kept for {@code
 * livelink.resolve.cache-ttl} (0.5 s) so a popular link does not cost queries per view. A stream
 * changed through this instance is forgotten at once and again after its commit ({@link
 * StreamChanged}); a change made by another instance is seen within the TTL. Revocations do not
 * wait for either: resolve also asks the {@link RevocationState}, which every instance reads within
 * a quarter of a second. Directory members are kept longer ({@code
 * livelink.resolve.member-cache-ttl}): a member once known stays known until they leave, and a
 * departure is refused through the revocation state, not through this cache.
 */
@ApplicationScoped
public class ResolveTargets {

    /** A link as resolve needs it: all fixed when issued, except its revocation. */
    public record LinkTarget(
            String id,
            String tenantId,
            String streamId,
            StreamType streamType,
            String channel,
            String utmSource,
            String utmMedium,
            String utmCampaign,
            Instant expiresAt,
            Instant revokedAt,
            String memberId,
            boolean issuedToAdmin) {

        static LinkTarget of(StreamLink link) {
            return new LinkTarget(
                    link.id,
                    link.tenantId,
                    link.streamId,
                    link.streamType,
                    link.channel,
                    link.utmSource,
                    link.utmMedium,
                    link.utmCampaign,
                    link.expiresAt,
                    link.revokedAt,
                    link.memberId,
                    link.issuedToAdmin);
        }
    }

    /** A stream as resolve and the player need it. */
    public record StreamTarget(
            String id,
            String tenantId,
            StreamType type,
            String title,
            String description,
            String coverUrl,
            Instant scheduledAt,
            StreamState state,
            boolean replayEnabled,
            WatchScope watchScope,
            String audienceGroupId,
            String createdBy) {

        static StreamTarget of(LiveStream stream) {
            return new StreamTarget(
                    stream.id,
                    stream.tenantId,
                    stream.type,
                    stream.title,
                    stream.description,
                    stream.coverUrl,
                    stream.scheduledAt,
                    stream.state,
                    stream.replayEnabled,
                    stream.watchScope,
                    stream.audienceGroupId,
                    stream.createdBy);
        }
    }

    private record MemberKey(String tenantId, String memberId) {}

    private final Cache<String, LinkTarget> linksByCode;
    private final Cache<String, LinkTarget> linksById;
    private final Cache<String, LinkTarget> linkFacts;
    private final Cache<String, StreamTarget> streams;
    private final Cache<MemberKey, Boolean> knownMembers;

    public ResolveTargets(ResolveSettings settings) {
        Duration ttl = settings.cacheTtl();
        Duration memberTtl = settings.memberCacheTtl();
        Duration factsTtl = settings.linkFactsTtl();
        this.linksByCode = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
        this.linksById = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
        this.linkFacts =
                Caffeine.newBuilder().expireAfterAccess(factsTtl).maximumSize(200_000).build();
        this.streams = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(20_000).build();
        this.knownMembers =
                Caffeine.newBuilder().expireAfterWrite(memberTtl).maximumSize(200_000).build();
    }

    /** Unknown codes are not kept: a guessed code costs an indexed lookup, never cache space. */
    Optional<LinkTarget> linkByCode(String code) {
        return cached(linksByCode, code, c -> StreamLink.findByShortCode(c).map(LinkTarget::of));
    }

    Optional<LinkTarget> linkById(String id) {
        return cached(linksById, id, ResolveTargets::findLink);
    }

    /**
     * What a link fixes for its sessions (stream, tenant, type, channel, UTM): these never change,
     * so a session's heartbeats read them from memory; its revocation is not among them ({@link
     * RevocationState} knows).
     */
    Optional<LinkTarget> linkFacts(String linkId) {
        return cached(linkFacts, linkId, ResolveTargets::findLink);
    }

    Optional<StreamTarget> stream(String streamId) {
        return cached(
                streams,
                streamId,
                id -> LiveStream.<LiveStream>findByIdOptional(id).map(StreamTarget::of));
    }

    private static Optional<LinkTarget> findLink(String id) {
        return StreamLink.<StreamLink>findByIdOptional(id).map(LinkTarget::of);
    }

    /** What the cache holds, else what the query finds (kept); nothing found is not kept. */
    private static <V> Optional<V> cached(
            Cache<String, V> cache, String key, Function<String, Optional<V>> query) {
        V kept = cache.getIfPresent(key);
        if (kept != null) {
            return Optional.of(kept);
        }
        EventLoopFirst.requireWorkerThread();
        return Optional.ofNullable(cache.get(key, k -> query.apply(k).orElse(null)));
    }

    /** Whether the directory events named this member of the tenant; only "yes" is kept. */
    boolean isKnownMember(String tenantId, String memberId) {
        MemberKey key = new MemberKey(tenantId, memberId);
        if (knownMembers.getIfPresent(key) != null) {
            return true;
        }
        EventLoopFirst.requireWorkerThread();
        boolean known = DirectoryMember.isMember(tenantId, memberId);
        if (known) {
            knownMembers.put(key, Boolean.TRUE);
        }
        return known;
    }

    void streamChanging(@Observes StreamChanged changed) {
        streams.invalidate(changed.streamId());
    }

    void streamChanged(
            @Observes(during = TransactionPhase.AFTER_COMPLETION) StreamChanged changed) {
        streams.invalidate(changed.streamId());
    }
}
