package io.livelink.analytics.rollup;

import io.livelink.events.StreamType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The window each stream type is rolled up in as it happens (SPEC §1); ENTERPRISE has none. */
public enum WindowSize {
    SECOND(Duration.ofSeconds(1)),
    MINUTE(Duration.ofMinutes(1));

    private final Duration length;

    WindowSize(Duration length) {
        this.length = length;
    }

    public static Optional<WindowSize> of(StreamType type) {
        return switch (type) {
            case MINI_PROGRAM -> Optional.of(SECOND);
            case H5 -> Optional.of(MINUTE);
            case ENTERPRISE -> Optional.empty();
        };
    }

    public Duration length() {
        return length;
    }

    public Instant startOf(Instant at) {
        long millis = length.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis);
    }
}
