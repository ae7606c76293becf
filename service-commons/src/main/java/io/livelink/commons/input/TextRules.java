package io.livelink.commons.input;

/**
 * What no text a LiveLink service accepts may contain, wherever it comes from (JSON, form fields,
 * path and query parameters, CSV and XLSX cells): a NUL character, which PostgreSQL cannot store in
 * text (it once turned such input into a 500), and a lone UTF-16 surrogate, which is no character
 * at all and would be stored as '?'.
 */
public final class TextRules {

    /** A value longer than this is shown abbreviated wherever a problem quotes it. */
    public static final int QUOTE_LIMIT = 64;

    private TextRules() {}

    /** Why {@code text} is unusable, or null when it is fine. */
    public static String violation(CharSequence text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain a NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain a lone UTF-16 surrogate (an unpaired \\u"
                        + Integer.toHexString(c)
                        + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain a lone UTF-16 surrogate (an unpaired \\u"
                        + Integer.toHexString(c)
                        + ")";
            }
        }
        return null;
    }

    /**
     * {@code value} as a problem may quote it: short values whole, long ones cut with their length
     * given, so a megabyte id is not echoed back whole.
     */
    public static String quote(String value) {
        if (value == null || value.length() <= QUOTE_LIMIT) {
            return value;
        }
        return value.substring(0, QUOTE_LIMIT / 2) + "… (" + value.length() + " characters)";
    }
}
