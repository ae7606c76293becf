package io.livelink.link.view;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Records, in the transaction that decides it, what ends view sessions: a revoked link, a member
 * who left the tenant (or came back). Every instance reads this log ({@link RevocationState}) to
 * refuse the sessions' heartbeats and drop their media connections; the commit also notifies this
 * instance's state at once.
 */
@ApplicationScoped
public class RevocationLog {

    /** What one call wrote to the log: fired in its transaction, observed after it commits. */
    public record Written(List<Entry> entries) {}

    /** One row of the log. */
    public record Entry(
            RevocationState.Kind kind,
            String tenantId,
            String linkId,
            String memberId,
            String reason,
            Instant at) {}

    private final EntityManager entityManager;
    private final Event<Written> written;

    public RevocationLog(EntityManager entityManager, Event<Written> written) {
        this.entityManager = entityManager;
        this.written = written;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void linksRevoked(
            String tenantId, Collection<String> linkIds, String reason, Instant at) {
        List<Entry> entries = new ArrayList<>();
        for (String linkId : linkIds) {
            entries.add(
                    insert(
                            new Entry(
                                    RevocationState.Kind.LINK_REVOKED,
                                    tenantId,
                                    linkId,
                                    null,
                                    reason,
                                    at)));
        }
        if (!entries.isEmpty()) {
            written.fire(new Written(entries));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void memberLeft(String tenantId, String memberId, Instant at) {
        written.fire(
                new Written(
                        List.of(
                                insert(
                                        new Entry(
                                                RevocationState.Kind.MEMBER_LEFT,
                                                tenantId,
                                                null,
                                                memberId,
                                                "member-left",
                                                at)))));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void memberReturned(String tenantId, String memberId, Instant at) {
        written.fire(
                new Written(
                        List.of(
                                insert(
                                        new Entry(
                                                RevocationState.Kind.MEMBER_RETURNED,
                                                tenantId,
                                                null,
                                                memberId,
                                                null,
                                                at)))));
    }

    private Entry insert(Entry entry) {
        entityManager
                .createNativeQuery(
                        "insert into view_revocation (kind, tenant_id, link_id, member_id, reason,"
                                + " effective_at) values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, entry.kind().name())
                .setParameter(2, entry.tenantId())
                .setParameter(3, entry.linkId())
                .setParameter(4, entry.memberId())
                .setParameter(5, entry.reason())
                .setParameter(6, entry.at())
                .executeUpdate();
        return entry;
    }
}
