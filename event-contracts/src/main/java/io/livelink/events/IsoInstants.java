package io.livelink.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An instant as ISO-8601 text, exactly as {@link Instant#toString()} (and so Jackson's
 * JavaTimeModule) writes it, e.g. {@code 2026-11-30T08:00:00.123Z}, without {@code
 * DateTimeFormatter}'s generic printer, which was 3 % of a view-path request: the date and time of
 * recent seconds are kept, and only the fraction is written anew. Years before 1970 or after 9999
 * go through {@link Instant#toString()}.
 */
public final class IsoInstants {

    /** 10000-01-01T00:00:00Z: from here on ISO-8601 writes a sign and five digits. */
    private static final long YEAR_10000 = 253_402_300_800L;

    /** A second and its text up to the seconds, e.g. {@code 2026-11-30T08:00:00}. */
    private record Second(long epochSecond, String text) {}

    /**
     * Recent seconds, each in the slot of its low bits: a view event writes now, and its session's
     * opening, and a heartbeat's answer its play URL's expiry, so one kept second would be replaced
     * at every call. A slot is replaced whole, so a reader sees a second or its successor.
     */
    private static final Second[] SECONDS = new Second[64];

    private IsoInstants() {}

    /** {@code instant.toString()}; null for null. */
    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        long epochSecond = instant.getEpochSecond();
        if (epochSecond < 0 || epochSecond >= YEAR_10000) {
            return instant.toString();
        }
        int slot = (int) (epochSecond & (SECONDS.length - 1));
        Second second = SECONDS[slot];
        if (second == null || second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, dateAndTime(epochSecond));
            SECONDS[slot] = second;
        }
        int nanos = instant.getNano();
        if (nanos == 0) {
            return second.text() + "Z";
        }
        // As ISO_INSTANT: the fraction in groups of three digits, as many as it needs.
        int digits;
        int value;
        if (nanos % 1_000_000 == 0) {
            digits = 3;
            value = nanos / 1_000_000;
        } else if (nanos % 1_000 == 0) {
            digits = 6;
            value = nanos / 1_000;
        } else {
            digits = 9;
            value = nanos;
        }
        StringBuilder text = new StringBuilder(second.text().length() + digits + 2);
        text.append(second.text()).append('.');
        String fraction = Integer.toString(value);
        for (int pad = digits - fraction.length(); pad > 0; pad--) {
            text.append('0');
        }
        return text.append(fraction).append('Z').toString();
    }

    private static String dateAndTime(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        char[] text = "0000-00-00T00:00:00".toCharArray();
        put(text, 0, t.getYear(), 4);
        put(text, 5, t.getMonthValue(), 2);
        put(text, 8, t.getDayOfMonth(), 2);
        put(text, 11, t.getHour(), 2);
        put(text, 14, t.getMinute(), 2);
        put(text, 17, t.getSecond(), 2);
        return new String(text);
    }

    private static void put(char[] text, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
