package io.livelink.events;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a string must be under one schema: among its {@code enum} or {@code const} values, of a
 * length in code points (as JSON Schema counts), matching its pattern, and certainly of its format.
 *
 * @param allowed the only strings allowed; null when the schema does not enumerate them
 * @param minLength the fewest code points
 * @param maxLength the most code points
 * @param pattern the JDK regular expression the validator also uses (and, like it, finds rather
 *     than matches whole); null for none
 * @param format the string's format; null for none
 */
record TextRule(
        Set<String> allowed, int minLength, int maxLength, Pattern pattern, StrictFormat format) {

    boolean accepts(String text) {
        if (allowed != null && !allowed.contains(text)) {
            return false;
        }
        int length = text.length();
        // n chars are between (n + 1) / 2 and n code points: count them only near a bound.
        if (length > maxLength || (length + 1) / 2 < minLength) {
            int codePoints = text.codePointCount(0, length);
            if (codePoints < minLength || codePoints > maxLength) {
                return false;
            }
        }
        if (pattern != null && (hasLineTerminator(text) || !pattern.matcher(text).find())) {
            return false;
        }
        return format == null || format.certainlyValid(text);
    }

    /**
     * Around a line terminator JSON Schema's ECMA-262 patterns and the JDK's differ ({@code $}
     * matches before a final one in the JDK's), so such text is the validator's to judge.
     */
    private static boolean hasLineTerminator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
