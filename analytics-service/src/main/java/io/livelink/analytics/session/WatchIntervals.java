package io.livelink.analytics.session;

import java.util.Comparator;
import java.util.List;

/**
 * Watching time as the union of intervals: one viewer on two devices at once counts once, and time
 * spent re-entering a stream adds up.
 */
public final class WatchIntervals {

    private WatchIntervals() {}

    /** From {@code start} to {@code end}, epoch milliseconds; empty when end ≤ start. */
    public record Interval(long start, long end) {

        public Interval clippedTo(long from, long to) {
            return new Interval(Math.max(start, from), Math.min(end, to));
        }
    }

    /** Whole seconds covered by at least one of the intervals. */
    public static long unionSeconds(List<Interval> intervals) {
        List<Interval> sorted =
                intervals.stream()
                        .filter(i -> i.end() > i.start())
                        .sorted(Comparator.comparingLong(Interval::start))
                        .toList();
        long millis = 0;
        long runStart = 0;
        long runEnd = Long.MIN_VALUE;
        for (Interval i : sorted) {
            if (i.start() > runEnd) {
                if (runEnd != Long.MIN_VALUE) {
                    millis += runEnd - runStart;
                }
                runStart = i.start();
                runEnd = i.end();
            } else {
                runEnd = Math.max(runEnd, i.end());
            }
        }
        if (runEnd != Long.MIN_VALUE) {
            millis += runEnd - runStart;
        }
        return millis / 1000;
    }
}
