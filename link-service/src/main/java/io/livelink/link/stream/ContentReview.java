package io.livelink.link.stream;

import io.livelink.commons.refusal.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * Reviews what a public stream shows before anyone can share it: phrases that induce sharing (e.g.
 * "分享到朋友圈领红包") are refused, naming the phrase and the field.
 */
@ApplicationScoped
public class ContentReview {

    private final List<String> bannedPhrases;

    public ContentReview(ReviewSettings settings) {
        this.bannedPhrases =
                settings.bannedPhrases().stream()
                        .map(ContentReview::normalised)
                        .filter(p -> !p.isEmpty())
                        .toList();
    }

    public void requireAcceptable(String field, String text) {
        if (text == null) {
            return;
        }
        String normalised = normalised(text);
        for (String phrase : bannedPhrases) {
            if (normalised.contains(phrase)) {
                throw Refused.unacceptable(
                        "banned-phrase",
                        "Content refused by review",
                        field,
                        "contains the banned phrase '"
                                + phrase
                                + "' (induced sharing is not allowed on public streams)");
            }
        }
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
