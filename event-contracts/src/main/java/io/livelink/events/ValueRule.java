package io.livelink.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.Set;

/**
 * What a schema allows of one JSON value, compiled by {@link SchemaRules}, checked against the
 * value as a {@link JsonParser} reads it. It accepts only what the schema accepts, and refuses what
 * it cannot be sure of (a fraction, an integer beyond a long, an item it has no rule for), which
 * the schema validator then decides.
 *
 * @param kinds the kinds of value that {@code type}, {@code enum} and {@code const} allow
 * @param text what a string must be
 * @param minimum the least integer allowed
 * @param object what an object's members must be
 * @param items what each item of an array must be; null when the schema does not say, and then only
 *     an empty array is certain
 */
record ValueRule(Set<Kind> kinds, TextRule text, long minimum, ObjectRule object, ValueRule items) {

    /** The JSON Schema types this check tells apart ({@code number} is not among them). */
    enum Kind {
        STRING,
        INTEGER,
        BOOLEAN,
        NULL,
        OBJECT,
        ARRAY
    }

    /**
     * Whether the value at the parser's current token certainly follows the rule. Reads up to the
     * value's last token, copying each token read to {@code copy} unless it is null.
     */
    boolean accepts(JsonParser parser, TokenBuffer copy) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            // The text once, for the check and the copy (copying the token would make it again).
            String value = parser.getText();
            if (copy != null) {
                copy.writeString(value);
            }
            return kinds.contains(Kind.STRING) && text.accepts(value);
        }
        if (copy != null) {
            copy.copyCurrentEvent(parser);
        }
        return switch (token) {
            case VALUE_NUMBER_INT -> kinds.contains(Kind.INTEGER) && acceptsInteger(parser);
            case VALUE_TRUE, VALUE_FALSE -> kinds.contains(Kind.BOOLEAN);
            case VALUE_NULL -> kinds.contains(Kind.NULL);
            case START_OBJECT -> kinds.contains(Kind.OBJECT) && object.acceptsMembers(parser, copy);
            case START_ARRAY -> kinds.contains(Kind.ARRAY) && acceptsItems(parser, copy);
            default -> false;
        };
    }

    private boolean acceptsInteger(JsonParser parser) throws IOException {
        NumberType type = parser.getNumberType();
        return (type == NumberType.INT || type == NumberType.LONG)
                && parser.getLongValue() >= minimum;
    }

    private boolean acceptsItems(JsonParser parser, TokenBuffer copy) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (items == null || !items.accepts(parser, copy)) {
                return false;
            }
        }
        if (copy != null) {
            copy.copyCurrentEvent(parser);
        }
        return true;
    }
}
