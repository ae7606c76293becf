package io.livelink.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a strict format is certain of, the validator's format check accepts. */
class StrictFormatTest {

    private static final SchemaValidatorsConfig ASSERTING_FORMATS =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    @ParameterizedTest
    @CsvSource({
        "date-time, 2024-02-29T23:59:59.123456789+08:00, '0123456789-:T tZz+.,'",
        "date, 2024-02-29, '0123456789-T '",
        "uri, https://livelink.io:8080/schemas/view-event.schema.json,"
                + " ':/?#[]@!$&()*+;=%-._~ aZ0\u00e9'"
    })
    void whatAFormatIsCertainOfTheValidatorAccepts(String keyword, String valid, String alphabet) {
        StrictFormat format = StrictFormat.named(keyword).orElseThrow();
        JsonSchema validator =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(
                                "{\"type\":\"string\",\"format\":\"" + keyword + "\"}",
                                ASSERTING_FORMATS);
        SplittableRandom random = new SplittableRandom(keyword.hashCode());
        List<String> candidates = new ArrayList<>(OddDateTimes.CURATED);
        for (int i = 0; i < 5_000; i++) {
            candidates.add(TextEdits.edited(valid, alphabet, random));
        }
        int certain = 0;
        for (String text : candidates) {
            if (format.certainlyValid(text)) {
                assertThat(validator.validate(TextNode.valueOf(text))).as(text).isEmpty();
                certain++;
            }
        }
        assertThat(certain).as("certain of some").isGreaterThan(50);
        assertThat(certain).as("not of all").isLessThan(candidates.size() - 50);
    }
}
