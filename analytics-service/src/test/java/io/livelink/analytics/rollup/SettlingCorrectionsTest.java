package io.livelink.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.livelink.analytics.FrozenClockTest;
import io.livelink.events.StreamSecondRollup;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Corrections wait until their events settle (no new one for the settle time), so a backlog that
 * keeps touching a window has it computed once, but never longer than the maximum delay.
 */
@QuarkusTest
@TestProfile(SettlingCorrectionsTest.Settling.class)
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class SettlingCorrectionsTest extends FrozenClockTest {

    /** Settle after 5 s without a new correction, at the latest 8 s after the first. */
    public static class Settling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "livelink.analytics.rollups.correction-settle", "PT5S",
                    "livelink.analytics.rollups.correction-max-delay", "PT8S");
        }
    }

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final OneMiniProgramStream stream = new OneMiniProgramStream();

    @Test
    void aCorrectionIsComputedOnceItsEventsSettleAndNoLaterThanTheMaximumDelay()
            throws InterruptedException {
        join("A", 100);
        awaitJoins(1);
        at(2_600);
        await().atMost(WAIT).untilAsserted(() -> second0().body("joins", is(List.of(1))));

        // A late join for second 0 (first correction at 2.6 s): not computed while it settles.
        join("B", 500);
        awaitJoins(2);
        Thread.sleep(A_FEW_RUNS.toMillis());
        second0().body("joins", is(List.of(1))).body("revision", is(List.of(1)));

        // Another at 6.6 s starts the settle time again: at 9.6 s it has not settled (11.6 s) and
        // the maximum delay (10.6 s) has not passed.
        at(6_600);
        join("C", 700);
        awaitJoins(3);
        at(9_600);
        Thread.sleep(A_FEW_RUNS.toMillis());
        second0().body("joins", is(List.of(1))).body("revision", is(List.of(1)));

        // Past the maximum delay: computed, once, with both late joins.
        at(10_700);
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                second0()
                                        .body("joins", is(List.of(3)))
                                        .body("revision", is(List.of(2))));
        Thread.sleep(A_FEW_RUNS.toMillis());
        List<StreamSecondRollup> published =
                kafka.awaitEvents(
                        StreamSecondRollup.class,
                        r -> r.streamId().equals(stream.streamId) && r.second().equals(s0),
                        2,
                        WAIT);
        assertThat(published).extracting(StreamSecondRollup::revision).containsExactly(1, 2);
        assertThat(published).extracting(StreamSecondRollup::joins).containsExactly(1L, 3L);
    }

    private void join(String viewer, int millisAfterS0) {
        stream.join(viewer, s0.plusMillis(millisAfterS0));
    }

    private ValidatableResponse second0() {
        return stream.second(s0);
    }

    private void awaitJoins(int joins) {
        stream.awaitJoins(joins);
    }
}
