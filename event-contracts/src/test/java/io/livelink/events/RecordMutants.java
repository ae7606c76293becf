package io.livelink.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Mutants of valid record values, drawn from a seeded random: members dropped, added, repeated or
 * reordered (data before type among them), values of another JSON type or at and past their
 * schema's bounds (lengths in code points, surrogate pairs at the boundary, enums, date-times,
 * dates, URIs, integers), nulls, characters written as unicode escapes, text after the record.
 */
final class RecordMutants {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> ENUM_VALUES =
            List.of(
                    "H5",
                    "MINI_PROGRAM",
                    "ENTERPRISE",
                    "OPENID",
                    "MEMBER",
                    "JOIN",
                    "LEAVE",
                    "LIVE",
                    "REPLAY",
                    "PC",
                    "TV",
                    "ENDED",
                    "REJECTED",
                    "BROADCAST",
                    "ALL_MEMBERS",
                    "join",
                    "Live",
                    "FRIDGE",
                    "",
                    " H5");

    private static final List<String> TYPES =
            List.of(
                    "io.livelink.ViewEvent.v1",
                    "io.livelink.MemberLeft.v1",
                    "io.livelink.ViewEvent.v1\n",
                    "io.livelink.ViewEvent.v2",
                    "io.livelink.View_Event.v1",
                    "io.livelink.ViewEvent.v1 ",
                    "io.livelink.ViewEvent");

    private static final List<String> URIS =
            List.of(
                    "https://livelink.io/schemas/view-event.schema.json",
                    "http://livelink.io:8080/a/b~c_d.e",
                    "https://livelink.io",
                    "schemas/view-event.schema.json",
                    "/schemas/x.json",
                    "urn:livelink:view",
                    "mailto:ops@livelink.io",
                    "https://livelink.io/a b",
                    "https://livelink.io/sch\u00e9mas",
                    "http://h/p?q=[1]",
                    "https://[::1]/x",
                    "https://livelink.io:99999/x",
                    "https://livelink.io/%zz",
                    "https://",
                    "");

    private static final List<String> DATES =
            List.of(
                    "2026-11-21",
                    "2024-02-29",
                    "2026-02-29",
                    "0000-01-01",
                    "9999-12-31",
                    "10000-01-01",
                    "2026-1-01",
                    "2026-11-21T00:00:00Z",
                    "20261121",
                    "2026-11-21\n");

    private static final List<String> CLASS_CODES =
            List.of("BJ-2026-000021", "SH-1999-123456", "BJ-2026-000021\n", "bj-2026-000021");

    private static final List<String> NUMBERS =
            List.of(
                    "0",
                    "-0",
                    "1",
                    "-1",
                    "1.0",
                    "0.5",
                    "1e2",
                    "2147483647",
                    "2147483648",
                    "-2147483649",
                    "9223372036854775807",
                    "9223372036854775808",
                    "99999999999999999999",
                    "-9223372036854775808");

    private static final List<String> TRAILERS =
            List.of(" ", "\n", "\t\r\n", "x", "}", "{}", "null", ",", "]");

    private static final List<String> NOT_RECORDS =
            List.of("", "  ", "null", "[]", "{}", "\"x\"", "{", "[{}]", "1");

    private final SplittableRandom random;

    RecordMutants(long seed) {
        this.random = new SplittableRandom(seed);
    }

    String mutate(String valid) {
        if (random.nextInt(100) == 0) {
            return pick(NOT_RECORDS);
        }
        ObjectNode record = (ObjectNode) read(valid);
        Duplicate duplicate = null;
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            List<ObjectNode> objects = new ArrayList<>();
            objectsIn(record, objects);
            ObjectNode object = pick(objects);
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() ? "extra" : pick(names);
            switch (random.nextInt(7)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(random.nextBoolean() ? "extra" : "Id", anyValue());
                case 2 -> object.set(name, anyValue());
                case 3 -> reorder(object, names);
                case 4 -> duplicate = new Duplicate(object, name, random.nextBoolean());
                default -> object.set(name, valueLike(object.get(name)));
            }
        }
        boolean escaping = random.nextInt(4) == 0;
        StringBuilder json = new StringBuilder(valid.length() + 64);
        write(record, json, escaping, duplicate);
        if (random.nextInt(20) == 0) {
            json.append(pick(TRAILERS));
        }
        return json.toString();
    }

    /** A member to be written twice: with the same value, or with another like it. */
    private record Duplicate(ObjectNode object, String name, boolean sameValue) {}

    private static void objectsIn(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.forEach(child -> objectsIn(child, objects));
    }

    private void reorder(ObjectNode object, List<String> names) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        names.forEach(n -> members.put(n, object.get(n)));
        Collections.shuffle(names, new Random(random.nextLong()));
        object.removeAll();
        names.forEach(n -> object.set(n, members.get(n)));
    }

    /** A value of the same kind as the one it replaces, often at or past its schema's bounds. */
    private JsonNode valueLike(JsonNode value) {
        if (value == null || value.isNull()) {
            return random.nextBoolean() ? NODES.nullNode() : anyValue();
        }
        if (value.isTextual()) {
            return NODES.textNode(textLike(value.textValue()));
        }
        if (value.isNumber()) {
            return raw(pick(NUMBERS));
        }
        if (value.isArray()) {
            ArrayNode items = (ArrayNode) value;
            switch (random.nextInt(4)) {
                case 0 -> items.removeAll();
                case 1 -> items.add(anyValue());
                default -> {
                    if (!items.isEmpty()) {
                        items.add(items.get(0).deepCopy());
                    }
                }
            }
            return items;
        }
        return random.nextBoolean() ? anyValue() : value;
    }

    private String textLike(String text) {
        if (StrictFormat.hasDateTimeShape(text)) {
            return random.nextBoolean() ? pick(OddDateTimes.CURATED) : OddDateTimes.random(random);
        }
        if (text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return pick(DATES);
        }
        if (text.startsWith("http")) {
            return pick(URIS);
        }
        if (text.startsWith("io.livelink.")) {
            return pick(TYPES);
        }
        if (text.matches("[A-Z]{2}-[0-9]{4}-[0-9]{6}")) {
            return pick(CLASS_CODES);
        }
        if (text.matches("[A-Z_]+")) {
            return pick(ENUM_VALUES);
        }
        return anyText();
    }

    /** Text around the schemas' length bounds (1, 64, 128, 200, 2000), in code points. */
    private String anyText() {
        List<Supplier<String>> kinds =
                List.of(
                        () -> "",
                        () -> " ",
                        () -> "x",
                        () -> "\u5f20\u4e09",
                        () -> "line\nbreak",
                        () -> "quote\"back\\slash\u2028\u0001",
                        () -> "\ud83d",
                        () -> "1.0",
                        () -> "null",
                        () -> textOf(boundLength(), "a", ""),
                        () -> textOf(boundLength() - 1, "a", "\ud83d\ude00"),
                        () -> textOf(boundLength(), "\ud83d\ude00", ""),
                        () -> textOf(boundLength() - 1, "\ud83d\ude00", "\ud83d"));
        return kinds.get(random.nextInt(kinds.size())).get();
    }

    private int boundLength() {
        int bound = List.of(1, 64, 128, 200, 2000).get(random.nextInt(5));
        return Math.max(0, bound + random.nextInt(3) - 1);
    }

    private static String textOf(int count, String unit, String last) {
        return unit.repeat(Math.max(0, count)) + last;
    }

    private JsonNode anyValue() {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> raw(pick(NUMBERS));
            case 3 -> NODES.objectNode();
            case 4 -> NODES.arrayNode().add("x");
            case 5 -> NODES.textNode(pick(ENUM_VALUES));
            case 6 -> NODES.textNode(pick(OddDateTimes.CURATED));
            default -> NODES.textNode(anyText());
        };
    }

    /** A number as its literal text, which a tree would normalise (1.0, -0, 1e2). */
    private static JsonNode raw(String literal) {
        return NODES.rawValueNode(new RawValue(literal));
    }

    private void write(JsonNode node, StringBuilder json, boolean escaping, Duplicate duplicate) {
        if (node.isObject()) {
            json.append('{');
            String separator = "";
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                json.append(separator);
                writeMember(member.getKey(), member.getValue(), json, escaping, duplicate);
                if (duplicate != null
                        && duplicate.object() == node
                        && duplicate.name().equals(member.getKey())) {
                    JsonNode again =
                            duplicate.sameValue()
                                    ? member.getValue()
                                    : valueLike(member.getValue());
                    json.append(',');
                    writeMember(member.getKey(), again, json, escaping, null);
                }
                separator = random.nextInt(10) == 0 ? " ,\n" : ",";
            }
            json.append('}');
        } else if (node.isArray()) {
            json.append('[');
            for (int i = 0; i < node.size(); i++) {
                json.append(i == 0 ? "" : ",");
                write(node.get(i), json, escaping, duplicate);
            }
            json.append(']');
        } else if (node.isTextual()) {
            writeString(node.textValue(), json, escaping);
        } else {
            json.append(
                    node instanceof POJONode literal
                            ? ((RawValue) literal.getPojo()).rawValue()
                            : node.toString());
        }
    }

    private void writeMember(
            String name,
            JsonNode value,
            StringBuilder json,
            boolean escaping,
            Duplicate duplicate) {
        writeString(name, json, escaping);
        json.append(':');
        write(value, json, escaping, duplicate);
    }

    private void writeString(String text, StringBuilder json, boolean escaping) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || (escaping && random.nextInt(5) == 0)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static JsonNode read(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid record: " + json, e);
        }
    }
}
