package io.livelink.commons.outbox;

import io.livelink.commons.messaging.TraceContext;
import io.livelink.events.EventCodec;
import io.livelink.events.EventType;
import io.livelink.events.LiveLinkEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes events through the transactional outbox: the event is stored in the caller's
 * transaction, so it exists exactly when the state change does, and the relay sends it to Kafka
 * after the commit, also when the broker is down at the time.
 */
@ApplicationScoped
public class EventPublisher {

    private final Clock clock;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;
    private final String source;

    public EventPublisher(
            Clock clock,
            OutboxRelay relay,
            TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.clock = clock;
        this.relay = relay;
        this.transactions = transactions;
        this.source = "/livelink/" + applicationName;
    }

    /** Stores the event for publication when the current transaction commits; returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String publish(LiveLinkEvent event) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String payload = EventCodec.encode(EventCodec.envelope(event, id, source, now));
        new OutboxMessage(
                        id,
                        EventType.of(event).topic(),
                        event.partitionKey(),
                        payload,
                        now,
                        TraceContext.current())
                .persist();
        transactions.registerInterposedSynchronization(new WakeRelayOnCommit(relay));
        return id;
    }

    private record WakeRelayOnCommit(OutboxRelay relay) implements Synchronization {
        @Override
        public void beforeCompletion() {}

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wakeUp();
            }
        }
    }
}
