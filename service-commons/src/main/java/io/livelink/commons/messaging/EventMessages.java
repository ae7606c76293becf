package io.livelink.commons.messaging;

import io.livelink.events.CloudEventRecords;
import io.livelink.events.EventEnvelope;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Messages for SmallRye's Kafka connector that become records in LiveLink's wire format ({@link
 * CloudEventRecords}: structured CloudEvents, keyed by the partition key), traced as a child of the
 * given trace context: the connector's producer span and the W3C {@code traceparent} header it
 * writes continue the trace of the request or event that caused the record.
 *
 * <p>A service sending an event straight to Kafka (not through the outbox) calls {@link
 * #message(EventEnvelope)} from within the request, then {@link #send}.
 */
public final class EventMessages {

    private EventMessages() {}

    /** The message for a new event, in the trace of the current request or consumer. */
    public static Message<String> message(EventEnvelope envelope) {
        ProducerRecord<String, String> record = CloudEventRecords.record(envelope);
        return message(
                record.topic(), record.key(), record.value(), record.headers(), Context.current());
    }

    /**
     * The message for a record value already in the wire format (the outbox's, or one being
     * dead-lettered), with the given headers (from {@link CloudEventRecords#headers()}, plus any of
     * the producer's own), as a child of {@code trace}.
     */
    public static Message<String> message(
            String topic, String key, String value, Headers headers, Context trace) {
        OutgoingKafkaRecordMetadata<String> routing =
                OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(topic)
                        .withKey(key)
                        .withHeaders(headers)
                        .build();
        return Message.of(value)
                .addMetadata(routing)
                .addMetadata(TracingMetadata.withCurrent(trace));
    }

    /** Sends the message; the future completes when the broker acknowledged it (or failed). */
    public static CompletableFuture<Void> send(Emitter<String> kafka, Message<String> message) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        kafka.send(
                message.withAck(
                                () -> {
                                    ack.complete(null);
                                    return CompletableFuture.completedFuture(null);
                                })
                        .withNack(
                                failure -> {
                                    ack.completeExceptionally(failure);
                                    return CompletableFuture.completedFuture(null);
                                }));
        return ack;
    }
}
