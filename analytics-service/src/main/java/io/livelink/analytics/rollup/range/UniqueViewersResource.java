package io.livelink.analytics.rollup.range;

import io.livelink.analytics.query.QuerySettings;
import io.livelink.analytics.query.RangeQuery;
import io.livelink.analytics.query.StreamOwnership;
import io.livelink.analytics.rollup.RollupSettings;
import io.livelink.analytics.rollup.WindowSessions;
import io.livelink.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Unique viewers of a stream over a range of windows (an hour of seconds, a day of minutes): the
 * distinct viewers present at some time in it, counted exactly from the per-viewer session records
 * in one {@code count(distinct)}. Per-window unique viewers cannot be added up for this: a viewer
 * present in two minutes would count twice.
 */
@Path("/streams/{streamId}/unique-viewers")
@Tag(name = "Unique viewers over a range")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MEMBER, Roles.PLATFORM_ADMIN})
public class UniqueViewersResource {

    /**
     * The figure and whether it is exact; {@code exact} is always true here (a count over the
     * stored sessions, not an estimate), so a client may rely on it without knowing how it is
     * computed.
     */
    public record UniqueViewers(
            String streamId, Instant from, Instant to, long uniqueViewers, boolean exact) {}

    private final EntityManager entityManager;
    private final StreamOwnership ownership;
    private final Duration maxRange;
    private final RollupSettings rollups;

    public UniqueViewersResource(
            EntityManager entityManager,
            StreamOwnership ownership,
            QuerySettings limits,
            RollupSettings rollups) {
        this.entityManager = entityManager;
        this.ownership = ownership;
        this.maxRange = limits.maxMinuteRange();
        this.rollups = rollups;
    }

    /**
     * The viewers present in [from, to): as the per-minute and per-second rollups count presence (a
     * session from its join until its leave or, without one, the session timeout after its last
     * sign of life). Read as the rollups read them ({@link WindowSessions#presentDuring}).
     */
    @GET
    @Transactional
    public UniqueViewers over(
            @PathParam("streamId") String streamId,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        RangeQuery<Instant> range = RangeQuery.instants(from, to, null, null, maxRange);
        ownership.requireVisible(streamId);
        Number count =
                (Number)
                        WindowSessions.withPresenceLimits(
                                        entityManager.createNativeQuery(
                                                "select count(distinct viewer_id) from ("
                                                        + WindowSessions.presentDuring("viewer_id")
                                                        + ") present"),
                                        rollups,
                                        range.from(),
                                        range.to())
                                .setParameter("stream", streamId)
                                .getSingleResult();
        return new UniqueViewers(streamId, range.from(), range.to(), count.longValue(), true);
    }
}
