package io.livelink.analytics.rollup;

import io.livelink.analytics.session.SessionDays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
    public static String presentUntil(String timeout) {
        return "case when ended_at is null or ended_by = 'TIMEOUT' then last_seen_at + "
                + timeout
                + " else ended_at end";
    }

    /**
     * The stream's sessions present at some time in [from, to). Presence ends at most the timeout
     * after the last sign of life, which bounds the index range read to the sessions recently seen.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<Presence> present(String streamId, Instant from, Instant to) {
        String timeout = ":timeout * interval '1 second'";
        String presentUntil = presentUntil(timeout);
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select viewer_id, channel, "
                                        + Rows.micros("started_at")
                                        + ", "
                                        + Rows.micros("coalesce(ended_at, last_seen_at)")
                                        + ", "
                                        + Rows.micros(presentUntil)
                                        + " from view_session where stream_id = :stream and"
                                        + " last_seen_at > cast(:from as timestamptz) - "
                                        + timeout
                                        + " and started_at < :to and "
                                        + SessionDays.openedBefore(":to")
                                        + " and "
                                        + presentUntil
                                        + " > :from")
                        .setParameter("stream", streamId)
                        .setParameter("timeout", settings.sessionTimeout().toSeconds())
                        .setParameter("from", from)
                        .setParameter("to", to)
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
}
