package io.livelink.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.analytics.rollup.WindowMath.PresenceFigures;
import io.livelink.analytics.rollup.WindowMath.Watched;
import io.livelink.analytics.rollup.WindowSessions.Presence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The presence math of the windows, without a database. */
class WindowMathTest {

    private static final long S = 1_000_000; // a second in microseconds
    private static final Instant T0 = Instant.ofEpochSecond(1_800_000_000L);
    private static final long T0_MICROS = T0.getEpochSecond() * S;

    private static Presence presence(String viewer, double from, double until) {
        long start = T0_MICROS + (long) (from * S);
        long end = T0_MICROS + (long) (until * S);
        return new Presence(viewer, "wechat", start, end, end);
    }

    @Test
    void concurrencyCountsSessionsUnderWayAtEachSecondsEnd() {
        long[] concurrent =
                WindowMath.concurrentAtEnds(
                        List.of(
                                presence("a", 0.2, 2.5), // present at the ends of 0 and 1
                                presence("b", 0.9, 1.0), // gone by the end of second 0
                                presence("c", 1.0, 1.0), // never present
                                presence("d", 1.5, 10)),
                        T0,
                        4);
        assertThat(concurrent).containsExactly(1, 2, 1, 1);
    }

    @Test
    void aSessionEndingExactlyAtASecondsEndIsNoLongerThere() {
        assertThat(WindowMath.concurrentAtEnds(List.of(presence("a", 0, 1)), T0, 2))
                .containsExactly(0, 0);
        long oneMicroAfter = T0_MICROS + S + 1;
        Presence stillThere = new Presence("a", "wechat", T0_MICROS, oneMicroAfter, oneMicroAfter);
        assertThat(WindowMath.concurrentAtEnds(List.of(stillThere), T0, 2)).containsExactly(1, 0);
    }

    @Test
    void aWindowsFiguresCountViewersOnceAndPeakAtTheMostPresentAtOnce() {
        PresenceFigures figures =
                WindowMath.presenceFigures(
                        List.of(
                                presence("a", -5, 10), // 10 s in the window
                                presence("a", 20, 30), // the same viewer again, 10 s
                                presence("b", 5, 25), // 20 s, overlaps both of a's
                                presence("c", 25, 90)), // 35 s up to the window's end
                        T0_MICROS,
                        T0_MICROS + 60 * S);
        assertThat(figures.uniqueViewers()).isEqualTo(3);
        assertThat(figures.watchSeconds()).isEqualTo(75);
        assertThat(figures.peakConcurrent()).isEqualTo(2);
    }

    @Test
    void oneLeavingAsAnotherJoinsIsNotTwoAtOnce() {
        PresenceFigures figures =
                WindowMath.presenceFigures(
                        List.of(presence("a", 0, 30), presence("b", 30, 50)),
                        T0_MICROS,
                        T0_MICROS + 60 * S);
        assertThat(figures.peakConcurrent()).isEqualTo(1);
    }

    @Test
    void attendanceIsTheUnionOfAMembersDevicesWithinTheCourseAndTheLecturerGetsItAll() {
        long live = 1_000_000L;
        long end = live + 3_600_000L;
        Map<String, Long> learning =
                WindowMath.attendance(
                        List.of(
                                new Watched("m1", live, live + 600_000), // PC, 10 min
                                new Watched("m1", live + 300_000, live + 900_000), // phone
                                new Watched("m2", live - 600_000, live + 60_000), // before live
                                new Watched("m3", live, end), // not activated
                                new Watched("m4", end + 1, end + 60_000)), // after the end
                        Set.of("m1", "m2", "m4", "lecturer"),
                        "lecturer",
                        live,
                        end);
        assertThat(learning)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("m1", 900L, "m2", 60L, "lecturer", 3600L));
    }
}
