package io.livelink.commons.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Logic reads time from an injected {@link Clock} so expiry and windows are testable. It ticks in
 * microseconds, PostgreSQL's precision, so an instant compares the same in memory and stored.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock systemClock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
