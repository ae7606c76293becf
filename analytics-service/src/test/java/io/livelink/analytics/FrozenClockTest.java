package io.livelink.analytics;

import static io.livelink.analytics.TestClock.CLOCK;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test that scripts time: before each test the clock is pinned just before {@link #s0}, a whole
 * second, and only moves when the test moves it; afterwards it is real time again.
 */
public abstract class FrozenClockTest {

    protected static final Duration WAIT = Duration.ofSeconds(20);

    /** Long enough for the closer (at least once a second) to have run a few times. */
    protected static final Duration A_FEW_RUNS = Duration.ofMillis(2_500);

    /** The start of the first whole second after the pinned instant: scripts count from here. */
    protected Instant s0;

    @BeforeEach
    void freezeClock() {
        s0 = CLOCK.freezeBeforeNextSecond();
    }

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    /** Moves the clock to {@code millisAfterS0} after {@link #s0}. */
    protected void at(long millisAfterS0) {
        CLOCK.advanceTo(s0.plusMillis(millisAfterS0));
    }
}
