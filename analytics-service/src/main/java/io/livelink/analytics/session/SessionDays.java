package io.livelink.analytics.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Limits a query of {@code view_session} to the day partitions a range can touch (V11 partitions
 * sessions by the UTC day they were opened). A session is opened with its JOIN, so it was opened no
 * later than it started (the margin covers producers' clocks that disagree by a little: a HEARTBEAT
 * from another link-service instance stamped before the JOIN), and it is under way at most the
 * longest session's age after it was opened. The bounds are bound as values, not computed in SQL
 * ({@code timestamptz ± interval} is only stable), so PostgreSQL leaves the other days' partitions
 * out while planning, not after: a query plans a day or two of them however long the retention.
 */
public final class SessionDays {

    /** How much earlier than its start a session may have been opened, by producers' clocks. */
    public static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    /** The condition on {@code opened_at}; bind its parameters with {@link #openings}. */
    public static final String OPENED_WITHIN =
            "opened_at > :openedAfter and opened_at < :openedBefore";

    private SessionDays() {}

    /**
     * The parameters of {@link #OPENED_WITHIN} for the sessions that can be under way at some time
     * in [{@code from}, {@code to}), given how long a session can last at most.
     */
    public static Map<String, Object> openings(Instant from, Instant to, Duration maxAge) {
        return Map.of("openedAfter", from.minus(maxAge), "openedBefore", to.plus(CLOCK_MARGIN));
    }
}
