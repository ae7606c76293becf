package io.livelink.commons.outbox;

import io.livelink.commons.messaging.TraceContext;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event committed with its state change and not yet acknowledged by Kafka. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** W3C trace context of the publishing transaction; null when it was not traced. */
    public String traceparent;

    public String tracestate;

    protected OutboxMessage() {}

    OutboxMessage(
            String eventId,
            String topic,
            String messageKey,
            String payload,
            Instant createdAt,
            TraceContext trace) {
        this.eventId = eventId;
        this.topic = topic;
        this.messageKey = messageKey;
        this.payload = payload;
        this.createdAt = createdAt;
        this.traceparent = trace.traceparent();
        this.tracestate = trace.tracestate();
    }

    TraceContext trace() {
        return new TraceContext(traceparent, tracestate);
    }
}
