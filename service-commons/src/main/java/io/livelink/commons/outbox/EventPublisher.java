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
import java.util.ArrayList;
import java.util.List;
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
    private final OutboxRows outbox;
    private final String source;

    public EventPublisher(
            Clock clock,
            OutboxRelay relay,
            TransactionSynchronizationRegistry transactions,
            OutboxRows outbox,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.clock = clock;
        this.relay = relay;
        this.transactions = transactions;
        this.outbox = outbox;
        this.source = "/livelink/" + applicationName;
    }

    /** Stores the event for publication when the current transaction commits; returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String publish(LiveLinkEvent event) {
        return publishAll(List.of(event)).get(0);
    }

    /**
     * Stores the events for publication, in this order, when the current transaction commits, with
     * one statement (a window closer publishes hundreds at once; one insert each was half of its
     * time); returns their ids in the same order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> publishAll(List<? extends LiveLinkEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        TraceContext trace = TraceContext.current();
        List<OutboxFallback.Pending> rows = new ArrayList<>(events.size());
        for (LiveLinkEvent event : events) {
            String id = UUID.randomUUID().toString();
            rows.add(
                    new OutboxFallback.Pending(
                            id,
                            EventType.of(event).topic(),
                            event.partitionKey(),
                            EventCodec.encode(event, id, source, now),
                            now,
                            trace));
        }
        outbox.insert(rows);
        wakeRelayOnCommit();
        return rows.stream().map(OutboxFallback.Pending::eventId).toList();
    }

    /** Once per transaction, however many events it publishes. */
    private void wakeRelayOnCommit() {
        if (transactions.getResource(WakeRelayOnCommit.class) == null) {
            transactions.putResource(WakeRelayOnCommit.class, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new WakeRelayOnCommit(relay));
        }
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
