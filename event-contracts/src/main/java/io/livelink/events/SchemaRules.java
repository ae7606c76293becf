package io.livelink.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.livelink.events.ValueRule.Kind;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles a JSON Schema into a {@link ValueRule}: the subset of 2020-12 that the contract's
 * schemas use ({@code type} as a name or a list of them, {@code enum} and {@code const} of strings
 * and null, {@code minLength}, {@code maxLength}, {@code pattern}, the formats of {@link
 * StrictFormat}, an integer {@code minimum}, {@code properties}, {@code required}, {@code
 * additionalProperties} true or false, {@code items} as one schema). A schema using anything else
 * compiles to nothing, so that its events are always left to the schema validator.
 */
final class SchemaRules {

    /** Keywords that only describe: they allow or refuse nothing. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description");

    private static final Set<String> ASSERTIONS =
            Set.of(
                    "type",
                    "enum",
                    "const",
                    "minLength",
                    "maxLength",
                    "pattern",
                    "format",
                    "minimum",
                    "properties",
                    "required",
                    "additionalProperties",
                    "items");

    private static final Map<String, Kind> KINDS =
            Map.of(
                    "string", Kind.STRING,
                    "integer", Kind.INTEGER,
                    "boolean", Kind.BOOLEAN,
                    "null", Kind.NULL,
                    "object", Kind.OBJECT,
                    "array", Kind.ARRAY);

    private SchemaRules() {}

    /** The schema's rule; empty when it uses what this compiler does not know. */
    static Optional<ValueRule> compile(JsonNode schema) {
        try {
            return Optional.of(rule(schema));
        } catch (NotCompilable e) {
            return Optional.empty();
        }
    }

    private static ValueRule rule(JsonNode schema) {
        require(schema.isObject(), "a schema that is not an object");
        for (Iterator<String> keywords = schema.fieldNames(); keywords.hasNext(); ) {
            String keyword = keywords.next();
            require(ASSERTIONS.contains(keyword) || ANNOTATIONS.contains(keyword), keyword);
        }
        Set<Kind> kinds = kinds(schema.get("type"));
        Set<String> allowed = null;
        Iterable<JsonNode> values = enumerated(schema);
        if (values != null) {
            allowed = new HashSet<>();
            Set<Kind> valueKinds = EnumSet.noneOf(Kind.class);
            for (JsonNode value : values) {
                require(value.isTextual() || value.isNull(), "an enum value not a string or null");
                if (value.isTextual()) {
                    allowed.add(value.textValue());
                    valueKinds.add(Kind.STRING);
                } else {
                    valueKinds.add(Kind.NULL);
                }
            }
            kinds.retainAll(valueKinds);
        }
        return new ValueRule(
                kinds, text(schema, allowed), minimum(schema), object(schema), items(schema));
    }

    private static Set<Kind> kinds(JsonNode type) {
        if (type == null) {
            return EnumSet.allOf(Kind.class);
        }
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        if (type.isTextual()) {
            kinds.add(kind(type));
        } else {
            require(type.isArray() && !type.isEmpty(), "type " + type);
            type.forEach(name -> kinds.add(kind(name)));
        }
        return kinds;
    }

    private static Kind kind(JsonNode name) {
        Kind kind = KINDS.get(name.asText());
        require(name.isTextual() && kind != null, "type " + name);
        return kind;
    }

    /** The values of {@code enum}, or {@code const} as the one value; null for neither. */
    private static Iterable<JsonNode> enumerated(JsonNode schema) {
        JsonNode values = schema.get("enum");
        JsonNode value = schema.get("const");
        require(values == null || value == null, "both enum and const");
        if (value != null) {
            return List.of(value);
        }
        require(values == null || values.isArray(), "enum " + values);
        return values;
    }

    private static TextRule text(JsonNode schema, Set<String> allowed) {
        JsonNode pattern = schema.get("pattern");
        JsonNode format = schema.get("format");
        require(pattern == null || pattern.isTextual(), "pattern " + pattern);
        require(format == null || format.isTextual(), "format " + format);
        return new TextRule(
                allowed,
                length(schema.get("minLength"), 0),
                length(schema.get("maxLength"), Integer.MAX_VALUE),
                pattern == null ? null : Pattern.compile(pattern.textValue()),
                format == null ? null : strictFormat(format.textValue()));
    }

    private static StrictFormat strictFormat(String name) {
        return StrictFormat.named(name).orElseThrow(() -> new NotCompilable("format " + name));
    }

    private static int length(JsonNode bound, int absent) {
        if (bound == null) {
            return absent;
        }
        require(
                bound.isIntegralNumber() && bound.canConvertToInt() && bound.intValue() >= 0,
                "length " + bound);
        return bound.intValue();
    }

    private static long minimum(JsonNode schema) {
        JsonNode minimum = schema.get("minimum");
        if (minimum == null) {
            return Long.MIN_VALUE;
        }
        require(minimum.isIntegralNumber() && minimum.canConvertToLong(), "minimum " + minimum);
        return minimum.longValue();
    }

    private static ObjectRule object(JsonNode schema) {
        JsonNode properties = schema.get("properties");
        Map<String, ObjectRule.Member> members = new HashMap<>();
        if (properties != null) {
            require(properties.isObject() && properties.size() <= Long.SIZE, "properties");
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                long bit = 1L << members.size();
                members.put(
                        property.getKey(), new ObjectRule.Member(bit, rule(property.getValue())));
            }
        }
        long required = 0;
        JsonNode names = schema.get("required");
        if (names != null) {
            require(names.isArray(), "required " + names);
            for (JsonNode name : names) {
                ObjectRule.Member member = members.get(name.asText());
                require(name.isTextual() && member != null, "required " + name);
                required |= member.bit();
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        require(additional == null || additional.isBoolean(), "additionalProperties as a schema");
        return new ObjectRule(members, required, additional != null && !additional.booleanValue());
    }

    private static ValueRule items(JsonNode schema) {
        JsonNode items = schema.get("items");
        return items == null ? null : rule(items);
    }

    private static void require(boolean compilable, String unknown) {
        if (!compilable) {
            throw new NotCompilable(unknown);
        }
    }

    /** The schema uses what the compiler does not know. */
    private static final class NotCompilable extends RuntimeException {
        NotCompilable(String what) {
            super(what, null, false, false);
        }
    }
}
