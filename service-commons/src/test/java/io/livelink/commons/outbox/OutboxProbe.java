package io.livelink.commons.outbox;

import io.livelink.commons.messaging.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Test access to the outbox table as a relay that crashed would leave it. */
@ApplicationScoped
public class OutboxProbe {

    /** Stores a message without waking the relay; returns its event id. */
    @Transactional
    public String storeRaw(String topic, String key, String payload) {
        String id = UUID.randomUUID().toString();
        new OutboxMessage(id, topic, key, payload, Instant.now(), new TraceContext(null, null))
                .persist();
        return id;
    }

    @Transactional
    public long waiting(String eventId) {
        return OutboxMessage.count("eventId", eventId);
    }

    @Transactional
    public long onTopic(String topic) {
        return OutboxMessage.count("topic", topic);
    }
}
