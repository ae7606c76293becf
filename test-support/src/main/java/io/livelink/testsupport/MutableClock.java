package io.livelink.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock tests control. By default it runs with real time shifted by what tests {@link #advance
 * advanced}; {@link #freeze} pins it, for expiry and windows tested to the second. {@link #reset}
 * puts it back to real time.
 */
public final class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozenAt;

    /** Pins the clock at the current microsecond (PostgreSQL's precision). */
    public void freeze() {
        frozenAt = instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Pins the clock and answers the start of the next whole second, a window boundary the clock
     * has not reached yet: tests script their events from there.
     */
    public Instant freezeBeforeNextSecond() {
        freeze();
        return frozenAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    /** Moves the clock forward to {@code instant}. */
    public void advanceTo(Instant instant) {
        advance(Duration.between(instant(), instant));
    }

    public void advance(Duration by) {
        Instant frozen = frozenAt;
        if (frozen != null) {
            frozenAt = frozen.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    public void reset() {
        frozenAt = null;
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant frozen = frozenAt;
        return frozen != null ? frozen : Instant.now().plus(offset).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("LiveLink logic works in UTC instants");
    }
}
