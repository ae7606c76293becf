package io.livelink.link.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * What viewers read, in Simplified Chinese and English: the player page's own {@code
 * player/texts.json}, so the refusal pages LiveLink writes and the player say the same words.
 */
final class ViewerTexts {

    static final String CHINESE = "zh-CN";
    static final String ENGLISH = "en";

    private static final JsonNode TEXTS = load();

    private ViewerTexts() {}

    /** A viewer who prefers Chinese reads Chinese; everyone else English. */
    static String languageFor(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            if (locale.getLanguage().equals("zh")) {
                return CHINESE;
            }
            if (locale.getLanguage().equals("en")) {
                return ENGLISH;
            }
        }
        return ENGLISH;
    }

    /** The title and message for a refusal's reason, the generic ones for a reason without. */
    static Refusal refusal(String language, String reason) {
        JsonNode refusals = TEXTS.path(language).path("refusals");
        JsonNode text = refusals.path(reason == null ? "other" : reason);
        if (text.isMissingNode()) {
            text = refusals.path("other");
        }
        return new Refusal(text.path("title").asText(), text.path("message").asText());
    }

    static String text(String language, String key) {
        return TEXTS.path(language).path(key).asText();
    }

    record Refusal(String title, String message) {}

    private static JsonNode load() {
        try (InputStream in =
                ViewerTexts.class.getResourceAsStream("/META-INF/resources/player/texts.json")) {
            if (in == null) {
                throw new IllegalStateException("player/texts.json is missing from the build");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
