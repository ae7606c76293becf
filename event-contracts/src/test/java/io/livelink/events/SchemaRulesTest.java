package io.livelink.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schema subset the rules compile, and what they accept of a value. */
class SchemaRulesTest {

    @Test
    void annotationsAreIgnored() {
        assertThat(
                        compile(
                                "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
                                        + "\"$id\":\"x\",\"title\":\"t\",\"description\":\"d\","
                                        + "\"type\":\"string\"}"))
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"array\",\"uniqueItems\":true}",
                "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}",
                "{\"type\":\"number\"}",
                "{\"type\":\"string\",\"format\":\"email\"}",
                "{\"$ref\":\"#/$defs/x\"}",
                "{\"enum\":[1,2]}",
                "{\"type\":\"integer\",\"minimum\":0.5}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"minItems\":1}}}",
                "{\"type\":\"object\",\"required\":[\"undeclared\"]}",
                "true"
            })
    void aSchemaUsingWhatTheRulesDoNotKnowCompilesToNothing(String schema) {
        assertThat(compile(schema)).isEmpty();
    }

    @Test
    void lengthsAreCountedInCodePoints() {
        String twoEmoji = "\"\ud83d\ude00\ud83d\ude00\"";
        assertThat(accepts("{\"type\":\"string\",\"maxLength\":2}", twoEmoji)).isTrue();
        assertThat(
                        accepts(
                                "{\"type\":\"string\",\"maxLength\":2}",
                                "\"\ud83d\ude00\ud83d\ude00x\""))
                .isFalse();
        assertThat(accepts("{\"type\":\"string\",\"minLength\":2}", "\"\ud83d\ude00\"")).isFalse();
        assertThat(accepts("{\"type\":\"string\",\"minLength\":2}", twoEmoji)).isTrue();
    }

    @Test
    void anEnumWithoutATypeAllowsOnlyItsValues() {
        String schema = "{\"enum\":[\"A\",null]}";
        assertThat(accepts(schema, "\"A\"")).isTrue();
        assertThat(accepts(schema, "null")).isTrue();
        assertThat(accepts(schema, "\"B\"")).isFalse();
        assertThat(accepts(schema, "1")).isFalse();
        assertThat(accepts(schema, "{}")).isFalse();
    }

    @Test
    void aTypeListAllowsEachOfItsKinds() {
        String schema = "{\"type\":[\"string\",\"null\"],\"maxLength\":3}";
        assertThat(accepts(schema, "\"abc\"")).isTrue();
        assertThat(accepts(schema, "null")).isTrue();
        assertThat(accepts(schema, "\"abcd\"")).isFalse();
        assertThat(accepts(schema, "1")).isFalse();
    }

    @Test
    void aPatternIsFoundAndTextWithALineTerminatorLeftToTheValidator() {
        assertThat(accepts("{\"type\":\"string\",\"pattern\":\"b\"}", "\"abc\"")).isTrue();
        assertThat(accepts("{\"type\":\"string\",\"pattern\":\"^a+$\"}", "\"aaa\"")).isTrue();
        assertThat(accepts("{\"type\":\"string\",\"pattern\":\"^a+$\"}", "\"aaa\\n\"")).isFalse();
    }

    @Test
    void onlyPlainIntegersAtOrAboveTheMinimumAreCertain() {
        String schema = "{\"type\":\"integer\",\"minimum\":0}";
        assertThat(accepts(schema, "0")).isTrue();
        assertThat(accepts(schema, "9223372036854775807")).isTrue();
        assertThat(accepts(schema, "-1")).isFalse();
        assertThat(accepts(schema, "1.0")).isFalse();
        assertThat(accepts(schema, "9223372036854775808")).isFalse();
    }

    @Test
    void anObjectNeedsItsRequiredMembersOnceEachAndNoOthers() {
        String schema =
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},"
                        + "\"b\":{\"type\":\"integer\"}},\"required\":[\"a\"]}";
        assertThat(accepts(schema, "{\"a\":1}")).isTrue();
        assertThat(accepts(schema, "{\"b\":1,\"a\":1}")).isTrue();
        assertThat(accepts(schema, "{\"b\":1}")).isFalse();
        assertThat(accepts(schema, "{\"a\":1,\"a\":1}")).isFalse();
        // The schema allows it (additionalProperties is not false), but the rules cannot tell.
        assertThat(accepts(schema, "{\"a\":1,\"c\":1}")).isFalse();
    }

    @Test
    void arrayItemsFollowTheirRule() {
        String schema = "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"minLength\":1}}";
        assertThat(accepts(schema, "[]")).isTrue();
        assertThat(accepts(schema, "[\"a\",\"b\"]")).isTrue();
        assertThat(accepts(schema, "[\"a\",\"\"]")).isFalse();
        assertThat(accepts("{\"type\":\"array\"}", "[1]")).isFalse();
    }

    private static Optional<ValueRule> compile(String schema) {
        try {
            return SchemaRules.compile(EventCodec.mapper().readTree(schema));
        } catch (IOException e) {
            throw new IllegalArgumentException(schema, e);
        }
    }

    private static boolean accepts(String schema, String value) {
        ValueRule rule = compile(schema).orElseThrow();
        try (JsonParser parser = EventCodec.mapper().createParser(value)) {
            parser.nextToken();
            return rule.accepts(parser, null) && parser.nextToken() == null;
        } catch (IOException e) {
            throw new IllegalArgumentException(value, e);
        }
    }
}
