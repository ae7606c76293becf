package io.livelink.commons.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.livelink.commons.input.TextRules;
import io.livelink.commons.refusal.FieldError;
import io.livelink.commons.refusal.InvalidInput;
import java.util.List;

/**
 * An RFC 7807 problem body. {@code reason} is the machine-readable cause clients switch on; {@code
 * errors} names each offending field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String reason,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://livelink.io/problems/";
    private static final int MAX_TEXT = 2000;

    public static Problem of(int status, String reason, String title, String detail) {
        return of(status, reason, title, detail, List.of());
    }

    public static Problem of(
            int status, String reason, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + reason, title, status, detail, null, reason, errors);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return of(400, InvalidInput.REASON, InvalidInput.TITLE, detail, errors);
    }

    /**
     * The problem with every long word of its detail and messages abbreviated ({@link
     * TextRules#quote}): refusals quote what they were sent, and a megabyte id sent must not come
     * back whole.
     */
    public Problem bounded() {
        List<FieldError> shortErrors =
                errors == null
                        ? errors
                        : errors.stream()
                                .map(
                                        e ->
                                                new FieldError(
                                                        abbreviate(e.field()),
                                                        abbreviate(e.message())))
                                .toList();
        return new Problem(
                type,
                title,
                status,
                abbreviate(detail),
                TextRules.quote(instance),
                reason,
                shortErrors);
    }

    private static String abbreviate(String text) {
        if (text == null || text.length() <= TextRules.QUOTE_LIMIT) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || Character.isWhitespace(text.charAt(i))) {
                out.append(TextRules.quote(text.substring(start, i)));
                if (i < text.length()) {
                    out.append(text.charAt(i));
                }
                start = i + 1;
            }
        }
        return out.length() <= MAX_TEXT ? out.toString() : out.substring(0, MAX_TEXT) + "…";
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, reason, errors);
    }
}
