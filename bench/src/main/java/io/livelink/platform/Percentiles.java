package io.livelink.platform;

import java.util.List;

/** Percentiles of measured values, one definition for every figure the benches print. */
final class Percentiles {

    private Percentiles() {}

    /**
     * The nearest-rank percentile of values sorted ascending: the smallest value with at least
     * {@code fraction} of them at or below it.
     */
    static <T> T nearestRank(List<T> sorted, double fraction) {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(sorted.size() * fraction);
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }
}
