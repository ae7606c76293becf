package io.livelink.link.resolve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.livelink.events.StreamState;
import io.livelink.events.StreamType;
import io.livelink.link.issue.StreamLink;
import io.livelink.link.stream.LiveStream;
import io.livelink.link.stream.WatchScope;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What resolving a short code reads about its link and stream, kept for {@code
 * livelink.resolve.cache-ttl} (0.5 s) so a popular link does not cost two queries per view. A
 * change made through this instance (revocation, a stream ending, replay switched off …) is
 * forgotten at once, at the update and again after its commit; a change made by another instance is
 * seen within the TTL. That bound is what keeps revocation within a second everywhere: the event
 * reaches one instance in well under half a second, the others forget within the TTL.
 */
@ApplicationScoped
public class ResolveTargets {

    /** A link as resolve needs it: all fixed when issued, except its revocation. */
    public record LinkTarget(
            String id,
            String streamId,
            StreamType streamType,
            String channel,
            String utmSource,
            String utmMedium,
            String utmCampaign,
            Instant expiresAt,
            Instant revokedAt) {

        static LinkTarget of(StreamLink link) {
            return new LinkTarget(
                    link.id,
                    link.streamId,
                    link.streamType,
                    link.channel,
                    link.utmSource,
                    link.utmMedium,
                    link.utmCampaign,
                    link.expiresAt,
                    link.revokedAt);
        }
    }

    /** A stream as resolve needs it. */
    public record StreamTarget(
            String id,
            String tenantId,
            StreamType type,
            StreamState state,
            boolean replayEnabled,
            WatchScope watchScope) {

        static StreamTarget of(LiveStream stream) {
            return new StreamTarget(
                    stream.id,
                    stream.tenantId,
                    stream.type,
                    stream.state,
                    stream.replayEnabled,
                    stream.watchScope);
        }
    }

    private final Cache<String, LinkTarget> linksByCode;
    private final Cache<String, StreamTarget> streams;
    private final TransactionSynchronizationRegistry transactions;

    public ResolveTargets(
            @ConfigProperty(name = "livelink.resolve.cache-ttl", defaultValue = "PT0.5S")
                    Duration ttl,
            TransactionSynchronizationRegistry transactions) {
        this.linksByCode = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
        this.streams = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(20_000).build();
        this.transactions = transactions;
    }

    /** Unknown codes are not kept: a guessed code costs an indexed lookup, never cache space. */
    Optional<LinkTarget> linkByCode(String code) {
        LinkTarget cached = linksByCode.getIfPresent(code);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<LinkTarget> found = StreamLink.findByShortCode(code).map(LinkTarget::of);
        found.ifPresent(link -> linksByCode.put(code, link));
        return found;
    }

    StreamTarget stream(String streamId) {
        return streams.get(streamId, id -> StreamTarget.of(LiveStream.<LiveStream>findById(id)));
    }

    /** Forgets what an update changes, now and once its transaction has ended. */
    void forget(Object entity) {
        Runnable forget;
        if (entity instanceof StreamLink link && link.shortCode != null) {
            String code = link.shortCode;
            forget = () -> linksByCode.invalidate(code);
        } else if (entity instanceof LiveStream stream) {
            String id = stream.id;
            forget = () -> streams.invalidate(id);
        } else {
            return;
        }
        forget.run();
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            try {
                transactions.registerInterposedSynchronization(new AfterCompletion(forget));
            } catch (IllegalStateException completing) {
                // Flushed while the transaction completes: a resolve reading the old row between
                // now and the commit keeps it at most for the TTL.
            }
        }
    }

    private record AfterCompletion(Runnable forget) implements Synchronization {
        @Override
        public void beforeCompletion() {}

        @Override
        public void afterCompletion(int status) {
            forget.run();
        }
    }

    /** The JPA listener on StreamLink and LiveStream: whatever updates them, the cache follows. */
    public static class Invalidation {

        @PostUpdate
        void updated(Object entity) {
            Arc.container().instance(ResolveTargets.class).get().forget(entity);
        }
    }
}
