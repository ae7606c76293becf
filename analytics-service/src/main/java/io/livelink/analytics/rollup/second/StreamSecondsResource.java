package io.livelink.analytics.rollup.second;

import io.livelink.analytics.query.RangeQuery;
import io.livelink.analytics.query.StreamOwnership;
import io.livelink.analytics.rollup.Rows;
import io.livelink.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** MINI_PROGRAM reports: the stream's seconds and its viewers' behaviour records. */
@Path("/streams/{streamId}")
@Tag(name = "Per-second rollups")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MEMBER, Roles.PLATFORM_ADMIN})
public class StreamSecondsResource {

    private final EntityManager entityManager;
    private final StreamOwnership ownership;
    private final java.time.Duration maxRange;

    public StreamSecondsResource(
            EntityManager entityManager,
            StreamOwnership ownership,
            @ConfigProperty(name = "livelink.analytics.query.max-range")
                    java.time.Duration maxRange) {
        this.entityManager = entityManager;
        this.ownership = ownership;
        this.maxRange = maxRange;
    }

    public record Second(
            Instant second,
            long concurrentViewers,
            long joins,
            long leaves,
            long newUniqueViewers,
            int revision) {}

    public record ViewerSession(
            String viewerId,
            String sessionId,
            String channel,
            String device,
            String playback,
            Instant joinedAt,
            Instant leftAt,
            Instant lastSeenAt,
            long secondsWatched) {}

    /**
     * Closed seconds in [from, to), oldest first; seconds with no viewers and no events are absent.
     */
    @GET
    @Path("/seconds")
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Second> seconds(
            @PathParam("streamId") String streamId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        RangeQuery<Instant> range = RangeQuery.instants(from, to, page, size, maxRange);
        ownership.requireVisible(streamId);
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select "
                                        + Rows.millis("second")
                                        + ", concurrent_viewers, joins, leaves, new_unique_viewers,"
                                        + " revision from stream_second where stream_id = :stream"
                                        + " and second >= :from and second < :to order by second"
                                        + " offset :offset limit :limit")
                        .setParameter("stream", streamId)
                        .setParameter("from", range.from())
                        .setParameter("to", range.to())
                        .setParameter("offset", range.offset())
                        .setParameter("limit", range.size())
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Second(
                                        Rows.instant(r[0]),
                                        Rows.count(r[1]),
                                        Rows.count(r[2]),
                                        Rows.count(r[3]),
                                        Rows.count(r[4]),
                                        (int) Rows.count(r[5])))
                .toList();
    }

    /**
     * Behaviour records: each view session that started in [from, to), with its join, its leave
     * (null while open or when the player vanished) and the seconds watched up to the leave or the
     * last heartbeat.
     */
    @GET
    @Path("/viewers")
    @Transactional
    @SuppressWarnings("unchecked")
    public List<ViewerSession> viewers(
            @PathParam("streamId") String streamId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        RangeQuery<Instant> range = RangeQuery.instants(from, to, page, size, maxRange);
        ownership.requireVisible(streamId);
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select viewer_id, session_id, channel, device, playback, "
                                        + Rows.millis("started_at")
                                        + ", "
                                        + Rows.millis("ended_at")
                                        + ", "
                                        + Rows.millis("last_seen_at")
                                        + " from view_session where stream_id = :stream and"
                                        + " started_at >= :from and started_at < :to order by"
                                        + " started_at, session_id offset :offset limit :limit")
                        .setParameter("stream", streamId)
                        .setParameter("from", range.from())
                        .setParameter("to", range.to())
                        .setParameter("offset", range.offset())
                        .setParameter("limit", range.size())
                        .getResultList();
        return rows.stream()
                .map(
                        r -> {
                            Instant joined = Rows.instant(r[5]);
                            Instant left = Rows.instant(r[6]);
                            Instant lastSeen = Rows.instant(r[7]);
                            Instant watchedUntil = left != null ? left : lastSeen;
                            return new ViewerSession(
                                    (String) r[0],
                                    (String) r[1],
                                    (String) r[2],
                                    (String) r[3],
                                    (String) r[4],
                                    joined,
                                    left,
                                    lastSeen,
                                    java.time.Duration.between(joined, watchedUntil).toSeconds());
                        })
                .toList();
    }
}
