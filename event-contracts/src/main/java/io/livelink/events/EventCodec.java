package io.livelink.events;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.StringWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

/**
 * Turns events into the JSON that travels on Kafka and back. Every producer and consumer goes
 * through here, so the wire format is defined once; decoding checks the envelope and the data
 * against the event's JSON Schema.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .addModule(new BlackbirdModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();

    /** A reader per payload type: looking the type up per event was a tenth of decoding it. */
    private static final ClassValue<ObjectReader> READERS =
            new ClassValue<>() {
                @Override
                protected ObjectReader computeValue(Class<?> type) {
                    return MAPPER.readerFor(type);
                }
            };

    private EventCodec() {}

    public static EventEnvelope envelope(
            LiveLinkEvent event, String id, String source, Instant time) {
        EventType type = EventType.of(event);
        return new EventEnvelope(
                EventEnvelope.SPEC_VERSION,
                id,
                source,
                type.typeName(),
                time,
                event.partitionKey(),
                event.partitionKey(),
                type.schemaId(),
                EventEnvelope.CONTENT_TYPE,
                MAPPER.valueToTree(event));
    }

    /**
     * The record value of a new event: the JSON {@code encode(envelope(event, id, source, time))}
     * writes, field for field, but streamed from the event without building a tree of it first (the
     * view path encodes one event per request).
     */
    public static String encode(LiveLinkEvent event, String id, String source, Instant time) {
        EventType type = EventType.of(event);
        StringWriter out = new StringWriter(768);
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("specversion", EventEnvelope.SPEC_VERSION);
            json.writeStringField("id", id);
            json.writeStringField("source", source);
            json.writeStringField("type", type.typeName());
            json.writeObjectField("time", time);
            String key = event.partitionKey();
            if (key != null) {
                json.writeStringField("subject", key);
                json.writeStringField("partitionkey", key);
            }
            json.writeStringField("dataschema", type.schemaId());
            json.writeStringField("datacontenttype", EventEnvelope.CONTENT_TYPE);
            json.writeObjectField("data", event);
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("event cannot be serialised: " + type.typeName(), e);
        }
        return out.toString();
    }

    public static String encode(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be serialised: " + envelope.type(), e);
        }
    }

    /**
     * Reads and validates a record value.
     *
     * @throws MalformedEventException when it is not JSON, not a CloudEvent, of an unknown type, or
     *     its data breaks the type's schema; the message says which.
     */
    public static EventEnvelope decode(String json) {
        if (json == null) {
            throw new MalformedEventException("record has no value");
        }
        // Parsed once: the schema check and the envelope read the same tree (parsing is most of
        // what a consumer spends on an event).
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        List<String> violations = EventSchemas.violations(root);
        if (!violations.isEmpty()) {
            throw new MalformedEventException(String.join("; ", violations));
        }
        // The schema has checked every field's type and format, so the envelope is read off the
        // tree as it is: binding it with Jackson would copy the data subtree into a new tree and
        // was a fifth of a consumer's decoding.
        return new EventEnvelope(
                text(root, "specversion"),
                text(root, "id"),
                text(root, "source"),
                text(root, "type"),
                instant(root.get("time")),
                text(root, "subject"),
                text(root, "partitionkey"),
                text(root, "dataschema"),
                text(root, "datacontenttype"),
                root.get("data"));
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** An RFC 3339 date-time (the schemas' {@code date-time} format) as an instant. */
    private static Instant instant(JsonNode value) {
        try {
            return ITU.parseDateTime(value.asText()).toInstant();
        } catch (DateTimeException e) {
            // What ITU refuses but the format allows (a leap second) is Jackson's to read.
            try {
                return MAPPER.treeToValue(value, Instant.class);
            } catch (JsonProcessingException notAnInstant) {
                throw new MalformedEventException(
                        "not a CloudEvents envelope: time " + notAnInstant.getOriginalMessage(),
                        notAnInstant);
            }
        }
    }

    public static EventType typeOf(EventEnvelope envelope) {
        return EventType.ofTypeName(envelope.type())
                .orElseThrow(
                        () -> new MalformedEventException("unknown event type " + envelope.type()));
    }

    public static <T extends LiveLinkEvent> T data(EventEnvelope envelope, Class<T> payload) {
        try {
            return READERS.get(payload).readValue(envelope.data());
        } catch (IOException e) {
            throw new MalformedEventException(
                    "data of " + envelope.type() + " is not a " + payload.getSimpleName(), e);
        }
    }

    /** The decoded payload as its record type. */
    public static LiveLinkEvent data(EventEnvelope envelope) {
        return data(envelope, typeOf(envelope).payload());
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
