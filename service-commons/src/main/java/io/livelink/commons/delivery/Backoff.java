package io.livelink.commons.delivery;

import java.time.Duration;

/** Exponential backoff between delivery attempts: first, 2 × first, 4 × first … capped at max. */
public record Backoff(Duration first, Duration max) {

    /** How long to wait after {@code attemptsSoFar} failed attempts (1 or more). */
    public Duration after(int attemptsSoFar) {
        Duration wait = first.multipliedBy(1L << Math.min(Math.max(attemptsSoFar, 1) - 1, 30));
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
