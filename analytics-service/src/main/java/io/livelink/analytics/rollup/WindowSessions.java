package io.livelink.analytics.rollup;

import io.livelink.analytics.session.SessionDays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The view sessions present during a range of windows, as the rollups count them: a session is
 * present from its first event until its LEAVE or, without one, the session timeout after its last
 * sign of life. Times are epoch microseconds, exact as stored.
 */
@ApplicationScoped
public class WindowSessions {

    /**
     * One session: watched from {@code start} to {@code watchedUntil}, present until {@code until}.
     */
    public record Presence(
            String viewerId, String channel, long start, long watchedUntil, long until) {}

    private final EntityManager entityManager;
    private final RollupSettings settings;

    public WindowSessions(EntityManager entityManager, RollupSettings settings) {
        this.entityManager = entityManager;
        this.settings = settings;
    }

    /**
     * Until when a session counts as present: its end, or the timeout after its last sign of life
     * while it is open and once silence ended it (its record ends at the last heartbeat, but the
     * windows published while it was open keep their figures).
     */
    private static String presentUntil(String timeout) {
        return "case when ended_at is null or ended_by = 'TIMEOUT' then last_seen_at + "
                + timeout
                + " else ended_at end";
    }

    /**
     * The stream's sessions present at some time in [from, to). Presence ends at most the timeout
     * after the last sign of life, which bounds the index ranges read to the sessions recently
     * seen.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<Presence> present(String streamId, Instant from, Instant to) {
        List<Object[]> rows =
                withPresenceLimits(
                                entityManager.createNativeQuery(
                                        presentDuring(
                                                "viewer_id, channel, "
                                                        + Rows.micros("started_at")
                                                        + ", "
                                                        + Rows.micros(
                                                                "coalesce(ended_at, last_seen_at)")
                                                        + ", "
                                                        + Rows.micros(presentUntil(TIMEOUT)))),
                                settings,
                                from,
                                to)
                        .setParameter("stream", streamId)
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Presence(
                                        (String) r[0],
                                        (String) r[1],
                                        Rows.count(r[2]),
                                        Rows.count(r[3]),
                                        Rows.count(r[4])))
                .toList();
    }

    /** The session timeout as an interval, bound by {@link #withPresenceLimits}. */
    public static final String TIMEOUT = ":timeout * interval '1 second'";

    /**
     * A query of {@code columns} of the sessions of {@code :stream} present at some time in [{@code
     * :from}, {@code :to}); bind the limits with {@link #withPresenceLimits}. No index holds {@code
     * last_seen_at}, which every heartbeat moves (V13): open sessions are read by stream, ended
     * ones by stream and end, apart by how they ended (V14): one that left is present until its
     * end, one silence ended (at its last sign of life) until the timeout after that, so each index
     * range starts where its sessions can still be present. Only sessions opened within {@link
     * SessionDays#openings} of the range can be present.
     */
    public static String presentDuring(String columns) {
        String openedWhen = " and started_at < :to and " + SessionDays.OPENED_WITHIN;
        String from = " from view_session where stream_id = :stream and ";
        return "select "
                + columns
                + from
                + "ended_at is null and last_seen_at > "
                + FROM_MINUS_TIMEOUT
                + openedWhen
                + " union all select "
                + columns
                + from
                + LEFT
                + " and ended_at > :from"
                + openedWhen
                + " union all select "
                + columns
                + from
                + SILENT
                + " and ended_at > "
                + FROM_MINUS_TIMEOUT
                + openedWhen;
    }

    /** Sessions ended by a LEAVE, a revocation or a departure (the partial index's predicate). */
    public static final String LEFT = "ended_by <> 'TIMEOUT'";

    /** Sessions silence ended, at their last sign of life (the partial index's predicate). */
    public static final String SILENT = "ended_by = 'TIMEOUT'";

    private static final String FROM_MINUS_TIMEOUT = minusTimeout(":from");

    /** The instant a session timeout before the instant {@code parameter} binds. */
    public static String minusTimeout(String parameter) {
        return "cast(" + parameter + " as timestamptz) - " + TIMEOUT;
    }

    /**
     * Binds what {@link #presentDuring} reads besides the stream: the range, the session timeout,
     * and the openings a session present in the range can have.
     */
    public static Query withPresenceLimits(
            Query query, RollupSettings settings, Instant from, Instant to) {
        SessionDays.openings(from, to, settings.sessionMaxAge()).forEach(query::setParameter);
        return query.setParameter("from", from)
                .setParameter("to", to)
                .setParameter("timeout", settings.sessionTimeout().toSeconds());
    }
}
