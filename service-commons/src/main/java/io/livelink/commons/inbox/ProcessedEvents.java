package io.livelink.commons.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * The idempotent-consumer record: which event ids a consumer has applied. Marking happens in the
 * consumer's own transaction, so an event is applied exactly once however often Kafka delivers it.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;
    private final Clock clock;

    public ProcessedEvents(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** True the first time this consumer sees the event id; false for a redelivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        int inserted =
                entityManager
                        .createNativeQuery(
                                "insert into processed_event (consumer, event_id, processed_at)"
                                        + " values (:consumer, :eventId, :at)"
                                        + " on conflict do nothing")
                        .setParameter("consumer", consumer)
                        .setParameter("eventId", eventId)
                        .setParameter("at", OffsetDateTime.now(clock))
                        .executeUpdate();
        return inserted == 1;
    }
}
