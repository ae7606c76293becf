package io.livelink.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.Map;

/**
 * What an object's members must be under one schema: each a declared property following its rule,
 * none twice, every required one there. An undeclared member is refused even where the schema would
 * allow it: the check cannot know what it may hold.
 *
 * @param members the declared properties ({@code properties}) by name
 * @param required the bits of the required members
 * @param closed whether the schema refuses undeclared members ({@code additionalProperties: false})
 */
record ObjectRule(Map<String, Member> members, long required, boolean closed) {

    /** A declared property: its bit among the object's members, and its value's rule. */
    record Member(long bit, ValueRule rule) {}

    /**
     * The declared member of that name when it is not among those {@code seen} already; null for an
     * undeclared or repeated one.
     */
    Member firstOccurrence(String name, long seen) {
        Member member = members.get(name);
        return member == null || (seen & member.bit()) != 0 ? null : member;
    }

    boolean hasRequired(long seen) {
        return (seen & required) == required;
    }

    /** Whether the schema allows every object: it declares, requires and refuses no member. */
    boolean allowsEveryObject() {
        return members.isEmpty() && !closed;
    }

    /**
     * Whether the object that starts at the parser's current token certainly follows the rule.
     * Reads up to its end, copying each token read to {@code copy} unless it is null.
     */
    boolean acceptsMembers(JsonParser parser, TokenBuffer copy) throws IOException {
        long seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            if (copy != null) {
                copy.copyCurrentEvent(parser);
            }
            Member member = firstOccurrence(parser.currentName(), seen);
            if (member == null) {
                return false;
            }
            seen |= member.bit();
            parser.nextToken();
            if (!member.rule().accepts(parser, copy)) {
                return false;
            }
        }
        if (copy != null) {
            copy.copyCurrentEvent(parser);
        }
        return hasRequired(seen);
    }
}
