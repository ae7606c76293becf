package io.livelink.analytics.session;

import java.time.Duration;

/**
 * Limits a query of {@code view_session} to the day partitions a range can touch (V11 partitions
 * sessions by the UTC day they were opened). A session is opened with its JOIN, so it was opened no
 * later than it started; the margin covers producers' clocks that disagree by a little (a HEARTBEAT
 * from another link-service instance stamped before the JOIN).
 */
public final class SessionDays {

    /** How much earlier than its start a session may have been opened, by producers' clocks. */
    public static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private SessionDays() {}

    /**
     * The condition, on {@code opened_at}, that keeps every session started before {@code bound} (a
     * timestamptz parameter such as {@code :to}); PostgreSQL skips the later days' partitions.
     */
    public static String openedBefore(String bound) {
        return "opened_at < cast(" + bound + " as timestamptz) + interval '1 minute'";
    }
}
