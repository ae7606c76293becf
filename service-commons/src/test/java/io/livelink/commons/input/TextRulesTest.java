package io.livelink.commons.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRulesTest {

    @Test
    void acceptsOrdinaryTextInEveryScriptAndCharactersBeyondTheBasicPlane() {
        assertThat(TextRules.violation("Spring launch 春季发布会 🎥 ёж")).isNull();
        assertThat(TextRules.violation("")).isNull();
        assertThat(TextRules.violation(null)).isNull();
    }

    @Test
    void refusesANulWherePostgresqlWouldFail() {
        assertThat(TextRules.violation("a\u0000b")).contains("NUL");
        assertThat(TextRules.violation("\u0000")).contains("NUL");
    }

    @Test
    void refusesLoneSurrogatesOfEitherHalf() {
        assertThat(TextRules.violation("x\ud800y")).contains("surrogate").contains("d800");
        assertThat(TextRules.violation("x\udc00")).contains("surrogate").contains("dc00");
        assertThat(TextRules.violation("\ud83c")).contains("surrogate");
    }

    @Test
    void quotesShortValuesWholeAndLongOnesCutWithTheirLength() {
        assertThat(TextRules.quote("stream-42")).isEqualTo("stream-42");
        String huge = "x".repeat(1_000_000);
        assertThat(TextRules.quote(huge)).hasSizeLessThan(80).endsWith("(1000000 characters)");
    }
}
