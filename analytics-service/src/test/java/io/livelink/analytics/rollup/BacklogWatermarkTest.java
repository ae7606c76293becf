package io.livelink.analytics.rollup;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.livelink.analytics.FrozenClockTest;
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
 * A backlog (events minutes behind the clock, still arriving) has its windows computed as far as
 * its events have reached, not ahead of them: computing ahead would only compute those windows
 * again as corrections when their events come. Once its events stop arriving, the rest closes on
 * the clock.
 */
@QuarkusTest
@TestProfile(BacklogWatermarkTest.ClockAfterFiveSeconds.class)
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class BacklogWatermarkTest extends FrozenClockTest {

    /** Windows close on the clock alone once no event has arrived for 5 s (of the test clock). */
    public static class ClockAfterFiveSeconds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("livelink.analytics.rollups.close-on-clock-after", "PT5S");
        }
    }

    private final OneMiniProgramStream stream = new OneMiniProgramStream();

    @Test
    void aBacklogIsComputedUpToWhereItsEventsReachedThenOnTheClock() throws InterruptedException {
        // Ten seconds behind: every second up to s0 + 9 is due by the clock.
        at(10_000);
        join("A", 100);
        join("B", 3_200);
        stream.awaitJoins(2);

        // Seconds before the one the latest event fell in are computed; that one is not yet, as
        // more of its events may be on their way.
        await().atMost(WAIT).untilAsserted(() -> second(0).body("joins", is(List.of(1))));
        Thread.sleep(A_FEW_RUNS.toMillis());
        second(2).body("concurrentViewers", is(List.of(1))).body("joins", is(List.of(0)));
        second(3).body("joins", is(List.of()));

        // No event for longer than close-on-clock-after: the clock closes the rest, once.
        at(15_100);
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                second(3)
                                        .body("joins", is(List.of(1)))
                                        .body("revision", is(List.of(1))));
        second(0).body("revision", is(List.of(1)));
    }

    private void join(String viewer, int millisAfterS0) {
        stream.join(viewer, s0.plusMillis(millisAfterS0));
    }

    private ValidatableResponse second(int n) {
        return stream.second(s0.plusSeconds(n));
    }
}
