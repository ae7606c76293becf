package io.livelink.events;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
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
                    .addModule(IsoInstantDeserializer.module())
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
     * writes, field for field, but written straight from the event without building a tree of it
     * first (the view path encodes one event per request). The envelope's fields, and a view's data
     * whole, are appended as text ({@link #appendField}, {@link #appendPlain}); other events' data
     * is the mapper's.
     */
    public static String encode(LiveLinkEvent event, String id, String source, Instant time) {
        EventType type = EventType.of(event);
        StringBuilder json = new StringBuilder(1024).append('{');
        appendPlain(json, "specversion", EventEnvelope.SPEC_VERSION);
        appendField(json, "id", id);
        appendField(json, "source", source);
        appendPlain(json, "type", type.typeName());
        // Instant's ISO-8601 text, as the mapper's JavaTimeModule writes it.
        appendPlain(json, "time", IsoInstants.format(time));
        String key = event.partitionKey();
        if (key != null) {
            appendField(json, "subject", key);
            appendField(json, "partitionkey", key);
        }
        appendPlain(json, "dataschema", type.schemaId());
        appendPlain(json, "datacontenttype", EventEnvelope.CONTENT_TYPE);
        json.append("\"data\":");
        if (event instanceof ViewEvent view) {
            appendView(json, view);
        } else {
            try {
                json.append(MAPPER.writeValueAsString(event));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                        "event cannot be serialised: " + type.typeName(), e);
            }
        }
        return json.append('}').toString();
    }

    /**
     * A view's data, field for field what the mapper writes for the record (in its components'
     * order, nulls included; {@code EventContractsTest} holds them byte-identical). One view event
     * is encoded per view-path request, where the mapper's bean serializer was ~5 % of a resolve.
     */
    private static void appendView(StringBuilder json, ViewEvent view) {
        json.append('{');
        appendField(json, "streamId", view.streamId());
        appendField(json, "tenantId", view.tenantId());
        appendPlain(json, "streamType", name(view.streamType()));
        appendField(json, "linkId", view.linkId());
        appendField(json, "viewerId", view.viewerId());
        appendPlain(json, "viewerIdKind", name(view.viewerIdKind()));
        appendField(json, "sessionId", view.sessionId());
        appendPlain(json, "kind", name(view.kind()));
        appendPlain(json, "playback", name(view.playback()));
        appendPlain(json, "device", name(view.device()));
        appendField(json, "channel", view.channel());
        appendField(json, "utmSource", view.utmSource());
        appendField(json, "utmMedium", view.utmMedium());
        appendField(json, "utmCampaign", view.utmCampaign());
        appendPlain(json, "occurredAt", IsoInstants.format(view.occurredAt()));
        String openedAt = IsoInstants.format(view.sessionOpenedAt());
        json.append("\"sessionOpenedAt\":");
        if (openedAt == null) {
            json.append("null}");
        } else {
            json.append('"').append(openedAt).append("\"}");
        }
    }

    /** {@code "name":"value",} (a name that needs no escaping), null as {@code null}. */
    private static void appendField(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":");
        appendString(json, value);
        json.append(',');
    }

    /**
     * {@code "name":"value",} for a value that never needs escaping (a constant of ours, an enum
     * constant's name, an instant's ISO-8601 text), null as {@code null}.
     */
    private static void appendPlain(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":");
        if (value == null) {
            json.append("null,");
        } else {
            json.append('"').append(value).append("\",");
        }
    }

    /**
     * A JSON string as the mapper writes it: only {@code "}, {@code \\} and control characters
     * escaped, in Jackson's own way ({@link JsonStringEncoder}), everything else as it is.
     */
    private static void appendString(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                json.append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
                return;
            }
        }
        json.append(value).append('"');
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
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

    /**
     * Reads a record value as an event: in one streaming pass when it is certainly valid (the
     * common case: a consumer's decoding was two thirds of its CPU), else as {@link #decode} does,
     * which decides and says why a record is refused.
     *
     * @throws MalformedEventException as {@link #decode} throws it; the data of an event that is
     *     not read in one pass is bound by {@link DecodedEvent#payload()}
     */
    public static DecodedEvent decodeEvent(String json) {
        return OnePassDecoder.decodeIfCertain(json)
                .orElseGet(() -> DecodedEvent.unbound(decode(json)));
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

    static ObjectReader reader(Class<?> payload) {
        return READERS.get(payload);
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
