package io.livelink.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The versioned JSON Schemas of the envelope and of each event's data, as checked-in files under
 * {@code /schemas}. Producers' tests and consumers validate against the same files.
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // Formats (date-time) are only annotations in 2020-12 unless asserted; the contract needs them
    // checked.
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final JsonSchema ENVELOPE = load("/schemas/cloudevent-envelope.schema.json");
    private static final Map<EventType, JsonSchema> DATA = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.values()) {
            DATA.put(type, load(type.schemaResource()));
        }
    }

    private EventSchemas() {}

    /** Every way the given record value breaks the contract; empty when it is a valid event. */
    public static List<String> violations(String json) {
        JsonNode root;
        try {
            root = EventCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        return violations(root);
    }

    /** Every way the given parsed record value breaks the contract. */
    static List<String> violations(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            return List.of("record value is empty");
        }
        List<String> problems = new ArrayList<>(messages("envelope", ENVELOPE.validate(root)));
        if (!problems.isEmpty()) {
            return problems;
        }
        String typeName = root.get("type").asText();
        EventType type = EventType.ofTypeName(typeName).orElse(null);
        if (type == null) {
            return List.of("unknown event type " + typeName);
        }
        problems.addAll(messages(typeName, DATA.get(type).validate(root.get("data"))));
        return problems;
    }

    /** The envelope's schema as the validator read it: the one the streaming check compiles. */
    static JsonNode envelopeSchema() {
        return ENVELOPE.getSchemaNode();
    }

    /** The schema of a type's data as the validator read it. */
    static JsonNode dataSchema(EventType type) {
        return DATA.get(type).getSchemaNode();
    }

    private static List<String> messages(String where, Set<ValidationMessage> found) {
        return found.stream().map(m -> where + ": " + m.getMessage()).sorted().toList();
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the classpath: " + resource);
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
