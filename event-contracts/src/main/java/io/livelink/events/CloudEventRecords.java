package io.livelink.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * How a LiveLink event travels as a Kafka record: the CloudEvents Kafka protocol binding in
 * <em>structured</em> mode. The value is the JSON envelope {@link EventCodec} writes (so the JSON
 * Schemas stay the contract and a plain consumer sees the whole event), the {@code content-type}
 * header says {@code application/cloudevents+json}, and the key is the envelope's {@code
 * partitionkey}. This is what lets the CloudEvents SDKs ({@code CloudEventDeserializer} in Java)
 * read every topic as it is.
 *
 * <p>Every producer builds its records here: the outbox relay, the dead-letter writer, direct
 * senders and the tests' publishers. A producer may add headers of its own (W3C {@code
 * traceparent}, dead-letter reasons) to what {@link #headers()} returns.
 */
public final class CloudEventRecords {

    /** The header the binding reads the mode from. */
    public static final String CONTENT_TYPE_HEADER = "content-type";

    /** Structured mode with the JSON event format. */
    public static final String STRUCTURED_JSON = "application/cloudevents+json; charset=UTF-8";

    private static final byte[] STRUCTURED_JSON_BYTES =
            STRUCTURED_JSON.getBytes(StandardCharsets.UTF_8);

    private CloudEventRecords() {}

    /** The headers every LiveLink record carries; a new, mutable instance each call. */
    public static Headers headers() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CONTENT_TYPE_HEADER, STRUCTURED_JSON_BYTES.clone());
        return headers;
    }

    /** The record for an envelope: its type's topic, keyed by its partition key. */
    public static ProducerRecord<String, String> record(EventEnvelope envelope) {
        EventType type = EventCodec.typeOf(envelope);
        String key = envelope.partitionkey() != null ? envelope.partitionkey() : envelope.subject();
        return new ProducerRecord<>(
                type.topic(), null, key, EventCodec.encode(envelope), headers());
    }

    /** The record for a new event with the given id, source (e.g. {@code /livelink/x}) and time. */
    public static ProducerRecord<String, String> record(
            LiveLinkEvent event, String id, String source, Instant time) {
        return new ProducerRecord<>(
                EventType.of(event).topic(),
                null,
                event.partitionKey(),
                EventCodec.encode(event, id, source, time),
                headers());
    }

    /** Whether the headers declare a structured-mode CloudEvent in JSON. */
    public static boolean isStructuredJson(Headers headers) {
        Header contentType = headers.lastHeader(CONTENT_TYPE_HEADER);
        return contentType != null
                && new String(contentType.value(), StandardCharsets.UTF_8)
                        .startsWith("application/cloudevents+json");
    }
}
