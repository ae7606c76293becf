package io.livelink.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes a record value in one streaming pass when it is certainly a valid event: each value is
 * checked, as the parser reads it, against rules compiled from the same schema files the validator
 * uses ({@link SchemaRules}), the envelope's id and type are kept, and the data's tokens are
 * buffered and bound to the type's record. It gives up on whatever it is not sure of: a violation,
 * a member it has no rule for or that comes twice, data before its type, a type whose schema did
 * not compile, text after the envelope. {@link EventCodec#decodeEvent} then takes the validator's
 * path, which decides the record and says why it is refused.
 */
final class OnePassDecoder {

    /** Null when the envelope's schema does not compile, or not to what this decoder relies on. */
    private static final ObjectRule ENVELOPE =
            SchemaRules.compile(EventSchemas.envelopeSchema())
                    .map(ValueRule::object)
                    .filter(OnePassDecoder::decodable)
                    .orElse(null);

    private static final Map<EventType, ValueRule> DATA = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.values()) {
            SchemaRules.compile(EventSchemas.dataSchema(type)).ifPresent(r -> DATA.put(type, r));
        }
    }

    private OnePassDecoder() {}

    /** Whether events of that type can be decoded in one pass. */
    static boolean compiled(EventType type) {
        return ENVELOPE != null && DATA.containsKey(type);
    }

    /**
     * The event, when the record is certainly a valid one; empty when the validator must decide.
     */
    static Optional<DecodedEvent> decodeIfCertain(String json) {
        if (ENVELOPE == null || json == null) {
            return Optional.empty();
        }
        try (JsonParser parser = EventCodec.mapper().createParser(json)) {
            return Optional.ofNullable(decode(parser));
        } catch (IOException notCertain) {
            return Optional.empty();
        }
    }

    /** The event, or null. */
    private static DecodedEvent decode(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        long seen = 0;
        String id = null;
        EventType type = null;
        TokenBuffer data = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            ObjectRule.Member member = ENVELOPE.firstOccurrence(name, seen);
            if (member == null) {
                return null;
            }
            seen |= member.bit();
            parser.nextToken();
            if (name.equals("data")) {
                data = certainData(parser, type);
                if (data == null) {
                    return null;
                }
            } else if (!member.rule().accepts(parser, null)) {
                return null;
            } else if (name.equals("id")) {
                id = parser.getText();
            } else if (name.equals("type")) {
                type = EventType.ofTypeName(parser.getText()).orElse(null);
                if (type == null) {
                    return null;
                }
            }
        }
        if (parser.nextToken() != null || !ENVELOPE.hasRequired(seen) || data == null) {
            return null;
        }
        LiveLinkEvent payload = EventCodec.reader(type.payload()).readValue(data.asParser());
        return DecodedEvent.bound(id, type, payload);
    }

    /** The data's tokens when it certainly follows its type's schema; null otherwise. */
    private static TokenBuffer certainData(JsonParser parser, EventType type) throws IOException {
        ValueRule rule = type == null ? null : DATA.get(type);
        if (rule == null || !parser.hasToken(JsonToken.START_OBJECT)) {
            return null;
        }
        TokenBuffer data = new TokenBuffer(parser);
        return rule.accepts(parser, data) ? data : null;
    }

    /**
     * Whether the envelope's schema has the shape this decoder relies on: any object as its data
     * (so checking the data against its type's schema alone is enough), an id and a type that are
     * strings.
     */
    private static boolean decodable(ObjectRule envelope) {
        ObjectRule.Member data = envelope.members().get("data");
        return data != null
                && data.rule().kinds().contains(ValueRule.Kind.OBJECT)
                && data.rule().object().allowsEveryObject()
                && isString(envelope.members().get("id"))
                && isString(envelope.members().get("type"));
    }

    private static boolean isString(ObjectRule.Member member) {
        return member != null && member.rule().kinds().equals(Set.of(ValueRule.Kind.STRING));
    }
}
