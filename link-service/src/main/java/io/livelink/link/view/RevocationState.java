package io.livelink.link.view;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What ends view sessions, in memory, so a heartbeat or a play callback is decided without a query:
 * the links revoked and the members who left, as far back as a session may last. Every instance
 * reads the {@link RevocationLog} every {@code revocation-poll-interval} (and at once after a
 * commit of its own), re-reading a few seconds back each time so a transaction that committed late
 * is not missed. Listeners (the media-server kicks) hear of each new refusal.
 */
@ApplicationScoped
public class RevocationState {

    public enum Kind {
        LINK_REVOKED,
        MEMBER_LEFT,
        MEMBER_RETURNED
    }

    /** Why a session may no longer be watched: a problem reason and when it took effect. */
    public record Refusal(String reason, String detail, Instant at) {}

    /** A refusal that reached this instance: of one link, or of every session of one member. */
    public record Revoked(String tenantId, String linkId, String memberId, Refusal refusal) {}

    private record MemberKey(String tenantId, String memberId) {}

    /** A transaction that commits late is still read: each poll reaches this far back. */
    private static final Duration OVERLAP = Duration.ofSeconds(10);

    private final Map<String, Refusal> revokedLinks = new ConcurrentHashMap<>();
    private final Map<MemberKey, Refusal> departedMembers = new ConcurrentHashMap<>();
    private final List<Consumer<Revoked>> listeners = new CopyOnWriteArrayList<>();
    private final EntityManager entityManager;
    private final ViewSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread thread = new Thread(r, "revocation-poll");
                        thread.setDaemon(true);
                        return thread;
                    });
    private volatile Instant readUpTo;
    private volatile boolean loaded;
    private long polls;

    public RevocationState(EntityManager entityManager, ViewSettings settings, Clock clock) {
        this.entityManager = entityManager;
        this.settings = settings;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        poll();
        long every = settings.revocationPollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        poller.shutdownNow();
    }

    /**
     * Applies what this instance just committed before its caller is answered, so a revocation's
     * own response is never followed by a heartbeat it lets through; the next poll reads the same
     * rows again and changes nothing.
     */
    void committed(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) RevocationLog.Written written) {
        synchronized (this) {
            for (RevocationLog.Entry e : written.entries()) {
                apply(e.kind(), e.tenantId(), e.linkId(), e.memberId(), e.reason(), e.at());
            }
        }
    }

    public void addListener(Consumer<Revoked> listener) {
        listeners.add(listener);
    }

    /** Why this session may no longer be watched, if it may not. */
    public Optional<Refusal> refusalOf(ViewSessionToken session) {
        Refusal link = revokedLinks.get(session.linkId());
        if (link != null) {
            return Optional.of(link);
        }
        if (session.ofMember()) {
            return Optional.ofNullable(
                    departedMembers.get(new MemberKey(session.tenantId(), session.viewerId())));
        }
        return Optional.empty();
    }

    /** Why the link may no longer be watched, if it was revoked. */
    public Optional<Refusal> refusalOfLink(String linkId) {
        return Optional.ofNullable(revokedLinks.get(linkId));
    }

    /** Whether the member left the tenant (within the time a session may last). */
    public boolean hasLeft(String tenantId, String memberId) {
        return departedMembers.containsKey(new MemberKey(tenantId, memberId));
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            Log.warnf("revocations not read, retrying: %s", e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized void poll() {
        Instant now = clock.instant();
        Instant since = readUpTo != null ? readUpTo : now.minus(settings.maxSessionDuration());
        List<Object[]> rows =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        entityManager
                                                .createNativeQuery(
                                                        "select kind, tenant_id, link_id, member_id,"
                                                                + " reason, effective_at, logged_at"
                                                                + " from view_revocation where"
                                                                + " logged_at > ?1 order by"
                                                                + " logged_at, id")
                                                .setParameter(1, since)
                                                .getResultList());
        Instant latest = null;
        for (Object[] row : rows) {
            apply(row);
            Instant logged = instant(row[6]);
            if (latest == null || logged.isAfter(latest)) {
                latest = logged;
            }
        }
        if (latest != null) {
            Instant overlapped = latest.minus(OVERLAP);
            readUpTo = readUpTo == null || overlapped.isAfter(readUpTo) ? overlapped : readUpTo;
        }
        loaded = true;
        if (++polls % 240 == 0) {
            forget(now);
        }
    }

    /** A timestamptz column as the JDBC driver and Hibernate hand it over. */
    private static Instant instant(Object column) {
        if (column instanceof Instant instant) {
            return instant;
        }
        if (column instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (column instanceof java.util.Date date) {
            return date.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + column);
    }

    private void apply(Object[] row) {
        apply(
                Kind.valueOf((String) row[0]),
                (String) row[1],
                (String) row[2],
                (String) row[3],
                (String) row[4],
                instant(row[5]));
    }

    private void apply(
            Kind kind, String tenantId, String linkId, String memberId, String reason, Instant at) {
        switch (kind) {
            case LINK_REVOKED -> {
                Refusal refusal =
                        new Refusal("revoked", "the link was revoked (" + reason + ")", at);
                if (revokedLinks.putIfAbsent(linkId, refusal) == null) {
                    announce(new Revoked(tenantId, linkId, null, refusal));
                }
            }
            case MEMBER_LEFT -> {
                Refusal refusal =
                        new Refusal(
                                "not-a-member", "the viewer no longer belongs to the tenant", at);
                if (departedMembers.putIfAbsent(new MemberKey(tenantId, memberId), refusal)
                        == null) {
                    announce(new Revoked(tenantId, null, memberId, refusal));
                }
            }
            case MEMBER_RETURNED ->
                    departedMembers.computeIfPresent(
                            new MemberKey(tenantId, memberId),
                            (key, left) -> left.at().isAfter(at) ? left : null);
        }
    }

    private void announce(Revoked revoked) {
        if (!loaded) {
            return; // the first load: whatever those revocations dropped is long gone
        }
        for (Consumer<Revoked> listener : listeners) {
            try {
                listener.accept(revoked);
            } catch (RuntimeException e) {
                Log.warnf("revocation listener failed: %s", e.toString());
            }
        }
    }

    /** No session older than the longest it may last is accepted: its refusals can go. */
    private void forget(Instant now) {
        Instant horizon = now.minus(settings.maxSessionDuration()).minus(Duration.ofHours(1));
        revokedLinks.values().removeIf(refusal -> refusal.at().isBefore(horizon));
        departedMembers.values().removeIf(refusal -> refusal.at().isBefore(horizon));
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "delete from view_revocation where logged_at < ?1")
                                        .setParameter(1, horizon)
                                        .executeUpdate());
    }
}
