package io.livelink.analytics.rollup;

import java.time.Instant;

/** Reads native query columns; timestamps are selected as epoch milliseconds (see SQL). */
public final class Rows {

    private Rows() {}

    public static long count(Object column) {
        return column == null ? 0 : ((Number) column).longValue();
    }

    public static Instant instant(Object epochMillis) {
        return epochMillis == null
                ? null
                : Instant.ofEpochMilli(((Number) epochMillis).longValue());
    }

    /**
     * SQL selecting a timestamptz column as epoch microseconds, exact (comparisons at window ends).
     */
    public static String micros(String column) {
        return "cast(extract(epoch from " + column + ") * 1000000 as bigint)";
    }

    /**
     * SQL selecting the window of this size a timestamptz column falls in, as its start's epoch
     * second.
     */
    public static String windowOf(String column, WindowSize size) {
        long seconds = size.length().toSeconds();
        return "cast(floor(extract(epoch from "
                + column
                + ") / "
                + seconds
                + ") * "
                + seconds
                + " as bigint)";
    }

    public static Instant epochSecond(Object seconds) {
        return Instant.ofEpochSecond(((Number) seconds).longValue());
    }

    /** SQL selecting a timestamptz column as epoch milliseconds. */
    public static String millis(String column) {
        return "cast(round(extract(epoch from " + column + ") * 1000) as bigint)";
    }
}
