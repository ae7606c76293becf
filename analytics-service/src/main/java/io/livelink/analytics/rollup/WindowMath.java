package io.livelink.analytics.rollup;

import io.livelink.analytics.rollup.WindowSessions.Presence;
import io.livelink.analytics.session.WatchIntervals;
import io.livelink.analytics.session.WatchIntervals.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The window figures that come from presence, as pure functions over sessions (times in epoch
 * microseconds for presence, milliseconds for watched intervals): concurrency at each second's end,
 * a window's unique viewers, watch seconds and peak, and a member's attendance as the union of
 * their devices' intervals.
 */
public final class WindowMath {

    private static final long MICROS_PER_SECOND = 1_000_000;

    private WindowMath() {}

    /**
     * Sessions present at each second's end e, for {@code count} seconds from {@code from}: started
     * before e and present until after e. Counted over the sessions present for a while (start
     * before the end of presence): those started before e, minus those whose presence ended by e
     * (which all started before e), are under way at e.
     */
    public static long[] concurrentAtEnds(List<Presence> sessions, Instant from, int count) {
        List<Presence> present = sessions.stream().filter(p -> p.start() < p.until()).toList();
        long[] starts = present.stream().mapToLong(Presence::start).sorted().toArray();
        long[] ends = present.stream().mapToLong(Presence::until).sorted().toArray();
        long[] concurrent = new long[count];
        long fromMicros = from.getEpochSecond() * MICROS_PER_SECOND;
        for (int i = 0; i < count; i++) {
            long end = fromMicros + (i + 1) * MICROS_PER_SECOND;
            concurrent[i] = countBelow(starts, end) - countBelow(ends, end + 1);
        }
        return concurrent;
    }

    /** How many of the sorted values are below the limit. */
    private static int countBelow(long[] sorted, long limit) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < limit) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** A window's figures from the sessions present in it: all exact. */
    public record PresenceFigures(long uniqueViewers, long watchSeconds, long peakConcurrent) {}

    /**
     * The figures of the window [start, end) (epoch microseconds) over the sessions present in it:
     * distinct viewers, whole seconds watched (summed over sessions), and the most sessions present
     * at once.
     */
    public static PresenceFigures presenceFigures(List<Presence> sessions, long start, long end) {
        long watchedMicros = 0;
        Set<String> viewers = new HashSet<>();
        // +1 where a session becomes present in the window, -1 where it stops; ends sort first, so
        // one viewer leaving as another joins is not counted as two at once.
        TreeMap<Long, Integer> steps = new TreeMap<>();
        for (Presence s : sessions) {
            viewers.add(s.viewerId());
            watchedMicros +=
                    Math.max(0, Math.min(end, s.watchedUntil()) - Math.max(start, s.start()));
            steps.merge(Math.max(start, s.start()), 1, Integer::sum);
            if (s.until() < end) {
                steps.merge(s.until(), -1, Integer::sum);
            }
        }
        long concurrent = 0;
        long peak = 0;
        for (int delta : steps.values()) {
            concurrent += delta;
            peak = Math.max(peak, concurrent);
        }
        return new PresenceFigures(viewers.size(), watchedMicros / MICROS_PER_SECOND, peak);
    }

    /** One viewer's session as watched: from start to end, epoch milliseconds. */
    public record Watched(String viewerId, long start, long end) {}

    /**
     * Attendance of a course live from {@code liveAt} to {@code end} (epoch milliseconds): per
     * activated member who watched, the union of their sessions' intervals within it in whole
     * seconds (one member on PC and phone at once counts once); the lecturer's time is the course
     * duration. Members without a second watched are left out.
     */
    public static Map<String, Long> attendance(
            List<Watched> sessions,
            Set<String> activated,
            String lecturerId,
            long liveAt,
            long end) {
        Map<String, List<Interval>> byMember = new TreeMap<>();
        for (Watched w : sessions) {
            if (activated.contains(w.viewerId())) {
                byMember.computeIfAbsent(w.viewerId(), v -> new ArrayList<>())
                        .add(new Interval(w.start(), w.end()).clippedTo(liveAt, end));
            }
        }
        Map<String, Long> learning = new TreeMap<>();
        byMember.forEach(
                (member, intervals) -> {
                    long seconds = WatchIntervals.unionSeconds(intervals);
                    if (seconds > 0) {
                        learning.put(member, seconds);
                    }
                });
        long durationSeconds = Math.max(0, end - liveAt) / 1000;
        if (activated.contains(lecturerId) && durationSeconds > 0) {
            learning.put(lecturerId, durationSeconds);
        }
        return learning;
    }
}
