package io.livelink.events;

import com.ethlo.time.ITU;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The schemas' string formats, each narrowed to a plain form that the schema validator's own check
 * certainly accepts: {@link #certainlyValid} is true only for such text, and false for anything
 * else, valid or not, which the validator then decides.
 */
enum StrictFormat {

    /**
     * {@code YYYY-MM-DDTHH:MM:SS(.fraction)?(Z|±HH:MM)}, upper-case T and Z, without a leap second,
     * that ITU parses: the validator's date-time check is that ITU parses it.
     */
    DATE_TIME("date-time") {
        @Override
        boolean certainlyValid(String text) {
            return hasDateTimeShape(text)
                    && twoDigits(text, 17) < 60
                    && parses(text, ITU::parseDateTime);
        }
    },

    /** {@code YYYY-MM-DD} that is a day: the validator's date check is {@code LocalDate.parse}. */
    DATE("date") {
        @Override
        boolean certainlyValid(String text) {
            return text.length() == 10 && isDate(text) && parses(text, LocalDate::parse);
        }
    },

    /**
     * {@code http(s)://host(:port)?/path}, the host of letters, digits, dots and hyphens, the path
     * of unreserved characters and slashes: absolute, ASCII and without a query, which is all the
     * validator asks of a {@code java.net.URI}.
     */
    URI("uri") {
        @Override
        boolean certainlyValid(String text) {
            int at = text.startsWith("https://") ? 8 : text.startsWith("http://") ? 7 : -1;
            if (at < 0 || at == text.length() || !isLetterOrDigit(text.charAt(at))) {
                return false;
            }
            while (at < text.length() && isHostCharacter(text.charAt(at))) {
                at++;
            }
            if (at < text.length() && text.charAt(at) == ':') {
                int digits = countDigits(text, at + 1);
                if (digits < 1 || digits > 5) {
                    return false;
                }
                at += 1 + digits;
            }
            if (at < text.length() && text.charAt(at) != '/') {
                return false;
            }
            while (at < text.length() && isPathCharacter(text.charAt(at))) {
                at++;
            }
            return at == text.length();
        }
    };

    private final String keyword;

    StrictFormat(String keyword) {
        this.keyword = keyword;
    }

    abstract boolean certainlyValid(String text);

    /** The format a schema names by {@code keyword}; empty for a format not checked here. */
    static Optional<StrictFormat> named(String keyword) {
        return Arrays.stream(values()).filter(f -> f.keyword.equals(keyword)).findFirst();
    }

    /**
     * Whether the text is {@code YYYY-MM-DDTHH:MM:SS}, then a fraction of one to nine digits or
     * none, then {@code Z} or {@code ±HH:MM}: the form in which ITU and Jackson read the same
     * instant (ITU also reads a space or a lower-case t, Jackson does not).
     */
    static boolean hasDateTimeShape(String text) {
        int length = text.length();
        if (length < 20 || !isDate(text) || text.charAt(10) != 'T' || !isTime(text, 11)) {
            return false;
        }
        int end = 19;
        if (text.charAt(end) == '.') {
            int digits = countDigits(text, end + 1);
            if (digits < 1 || digits > 9) {
                return false;
            }
            end += 1 + digits;
        }
        if (end == length) {
            return false;
        }
        if (end == length - 1) {
            return text.charAt(end) == 'Z';
        }
        char sign = text.charAt(end);
        return end == length - 6
                && (sign == '+' || sign == '-')
                && isDigits(text, end + 1, 2)
                && text.charAt(end + 3) == ':'
                && isDigits(text, end + 4, 2);
    }

    private static boolean parses(String text, Function<String, ?> parser) {
        try {
            parser.apply(text);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** {@code YYYY-MM-DD} at the start of the text. */
    private static boolean isDate(String text) {
        return isDigits(text, 0, 4)
                && text.charAt(4) == '-'
                && isDigits(text, 5, 2)
                && text.charAt(7) == '-'
                && isDigits(text, 8, 2);
    }

    /** {@code HH:MM:SS} at {@code at}. */
    private static boolean isTime(String text, int at) {
        return isDigits(text, at, 2)
                && text.charAt(at + 2) == ':'
                && isDigits(text, at + 3, 2)
                && text.charAt(at + 5) == ':'
                && isDigits(text, at + 6, 2);
    }

    private static boolean isDigits(String text, int at, int count) {
        if (at + count > text.length()) {
            return false;
        }
        for (int i = at; i < at + count; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int countDigits(String text, int at) {
        int end = at;
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        return end - at;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
    }

    private static boolean isHostCharacter(char c) {
        return isLetterOrDigit(c) || c == '.' || c == '-';
    }

    /** RFC 3986's unreserved characters, and the slash. */
    private static boolean isPathCharacter(char c) {
        return isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '~' || c == '/';
    }

    private static int twoDigits(String text, int at) {
        return (text.charAt(at) - '0') * 10 + text.charAt(at + 1) - '0';
    }
}
