package io.livelink.link.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ViewerTextsTest {

    @Test
    void chineseAndEnglishSayTheSameThings() throws Exception {
        JsonNode texts;
        try (InputStream in =
                getClass().getResourceAsStream("/META-INF/resources/player/texts.json")) {
            texts = new ObjectMapper().readTree(in);
        }
        assertThat(fieldNames(texts)).containsExactlyInAnyOrder("zh-CN", "en");
        assertThat(keys(texts.get("zh-CN"), "")).isEqualTo(keys(texts.get("en"), ""));
    }

    @Test
    void everyRefusalOfTheViewPathHasItsOwnWords() {
        for (String reason :
                List.of(
                        "expired",
                        "revoked",
                        "not-a-member",
                        "not-in-audience-group",
                        "outside-wechat",
                        "stream-ended",
                        "stream-not-watchable",
                        "session-expired",
                        "tampered",
                        "unknown-link",
                        "bad-view-session")) {
            assertThat(ViewerTexts.refusal(ViewerTexts.ENGLISH, reason))
                    .as(reason)
                    .isNotEqualTo(ViewerTexts.refusal(ViewerTexts.ENGLISH, "other"));
            assertThat(ViewerTexts.refusal(ViewerTexts.CHINESE, reason).title()).isNotBlank();
        }
        assertThat(ViewerTexts.refusal(ViewerTexts.CHINESE, "no-such-reason"))
                .isEqualTo(ViewerTexts.refusal(ViewerTexts.CHINESE, "other"));
    }

    @Test
    void theFirstOfChineseOrEnglishTheViewerPrefersWins() {
        assertThat(ViewerTexts.languageFor(List.of(Locale.forLanguageTag("zh-TW"))))
                .isEqualTo("zh-CN");
        assertThat(
                        ViewerTexts.languageFor(
                                List.of(Locale.forLanguageTag("fr"), Locale.forLanguageTag("zh"))))
                .isEqualTo("zh-CN");
        assertThat(
                        ViewerTexts.languageFor(
                                List.of(
                                        Locale.forLanguageTag("en-GB"),
                                        Locale.forLanguageTag("zh"))))
                .isEqualTo("en");
        assertThat(ViewerTexts.languageFor(List.of())).isEqualTo("en");
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> keys(JsonNode node, String prefix) {
        Set<String> keys = new TreeSet<>();
        node.fields()
                .forEachRemaining(
                        field -> {
                            keys.add(prefix + field.getKey());
                            if (field.getValue().isObject()) {
                                keys.addAll(keys(field.getValue(), prefix + field.getKey() + "."));
                            } else {
                                assertThat(field.getValue().asText())
                                        .as(prefix + field.getKey())
                                        .isNotBlank();
                            }
                        });
        return keys;
    }
}
