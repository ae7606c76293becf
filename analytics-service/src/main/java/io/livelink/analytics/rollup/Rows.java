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

    /** SQL selecting a timestamptz column as epoch milliseconds. */
    public static String millis(String column) {
        return "cast(round(extract(epoch from " + column + ") * 1000) as bigint)";
    }
}
