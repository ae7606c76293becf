package io.livelink.analytics.rollup.second;

import io.livelink.analytics.export.ExportFormat;
import io.livelink.analytics.export.Exports;
import io.livelink.analytics.query.QuerySettings;
import io.livelink.analytics.query.RangeQuery;
import io.livelink.analytics.query.StreamOwnership;
import io.livelink.analytics.query.StreamOwnership.VisibleStream;
import io.livelink.analytics.rollup.RollupSettings;
import io.livelink.analytics.rollup.Rows;
import io.livelink.analytics.session.SessionDays;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.commons.security.Roles;
import io.livelink.events.StreamSecondRollup;
import io.livelink.events.StreamType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** MINI_PROGRAM reports: the stream's seconds and its viewers' behaviour records. */
@Path("/streams/{streamId}")
@Tag(name = "Per-second rollups")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MEMBER, Roles.PLATFORM_ADMIN})
public class StreamSecondsResource {

    private final EntityManager entityManager;
    private final StreamOwnership ownership;
    private final java.time.Duration maxRange;

    private final SecondsExport export;
    private final LiveSeconds live;
    private final RollupSettings rollups;

    public StreamSecondsResource(
            EntityManager entityManager,
            StreamOwnership ownership,
            SecondsExport export,
            LiveSeconds live,
            QuerySettings limits,
            RollupSettings rollups) {
        this.entityManager = entityManager;
        this.ownership = ownership;
        this.export = export;
        this.live = live;
        this.maxRange = limits.maxRange();
        this.rollups = rollups;
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

    /** The closed seconds of :stream in [:from, :to), oldest first (queries and exports). */
    static final String SECONDS_SQL =
            "select "
                    + Rows.millis("second")
                    + ", concurrent_viewers, joins, leaves, new_unique_viewers, revision from"
                    + " stream_second where stream_id = :stream and second >= :from and second <"
                    + " :to order by second";

    /** The view sessions of :stream that started in [:from, :to) (queries and exports). */
    static final String VIEWERS_SQL =
            "select viewer_id, session_id, channel, device, playback, "
                    + Rows.millis("started_at")
                    + ", "
                    + Rows.millis("ended_at")
                    + ", "
                    + Rows.millis("last_seen_at")
                    + " from view_session where stream_id = :stream and started_at >= :from and"
                    + " started_at < :to and "
                    + SessionDays.OPENED_WITHIN
                    + " order by started_at, session_id";

    /** What {@link #VIEWERS_SQL} binds. */
    static Map<String, Object> viewersParameters(
            String streamId, RangeQuery<Instant> range, RollupSettings settings) {
        Map<String, Object> parameters =
                new HashMap<>(
                        SessionDays.openings(range.from(), range.to(), settings.sessionMaxAge()));
        parameters.put("stream", streamId);
        parameters.put("from", range.from());
        parameters.put("to", range.to());
        return parameters;
    }

    static Second second(Object[] r) {
        return new Second(
                Rows.instant(r[0]),
                Rows.count(r[1]),
                Rows.count(r[2]),
                Rows.count(r[3]),
                Rows.count(r[4]),
                (int) Rows.count(r[5]));
    }

    static ViewerSession viewerSession(Object[] r) {
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
    }

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
        List<Object[]> rows = range.pageOfStream(entityManager, SECONDS_SQL, streamId);
        return rows.stream().map(StreamSecondsResource::second).toList();
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
                range.page(entityManager, VIEWERS_SQL, viewersParameters(streamId, range, rollups));
        return rows.stream().map(StreamSecondsResource::viewerSession).toList();
    }

    /**
     * The seconds in [from, to) as CSV or XLSX ({@code format=csv|xlsx}), streamed from the
     * database as they are written (see {@link io.livelink.analytics.export.ScrollingQuery}).
     */
    @GET
    @Path("/seconds/export")
    @Transactional
    public Response exportSeconds(
            @PathParam("streamId") String streamId,
            @QueryParam("format") String format,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        RangeQuery<Instant> range = RangeQuery.instants(from, to, null, null, maxRange);
        VisibleStream stream = ownership.requireVisible(streamId);
        ExportFormat exportFormat = ExportFormat.of(format, stream.streamType());
        return Exports.attachment(
                exportFormat,
                "stream-" + streamId + "-seconds-" + fileTime(range.from()),
                export.seconds(streamId, range, exportFormat));
    }

    /** The behaviour records of sessions that started in [from, to) as CSV or XLSX. */
    @GET
    @Path("/viewers/export")
    @Transactional
    public Response exportViewers(
            @PathParam("streamId") String streamId,
            @QueryParam("format") String format,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        RangeQuery<Instant> range = RangeQuery.instants(from, to, null, null, maxRange);
        VisibleStream stream = ownership.requireVisible(streamId);
        ExportFormat exportFormat = ExportFormat.of(format, stream.streamType());
        return Exports.attachment(
                exportFormat,
                "stream-" + streamId + "-viewers-" + fileTime(range.from()),
                export.viewers(streamId, range, exportFormat));
    }

    /**
     * Server-Sent Events: each second of a MINI_PROGRAM stream as soon as it closes (a correction
     * comes again with a higher {@code revision}), from whichever instance closed it. Not
     * transactional on purpose: the stream stays open.
     */
    @GET
    @Path("/seconds/live")
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<StreamSecondRollup> live(@PathParam("streamId") String streamId) {
        VisibleStream stream =
                QuarkusTransaction.requiringNew().call(() -> ownership.requireVisible(streamId));
        if (stream.streamType() != StreamType.MINI_PROGRAM) {
            throw new InvalidInput(
                    "streamId",
                    "the live feed is for MINI_PROGRAM streams; this one is "
                            + stream.streamType());
        }
        return live.of(streamId);
    }

    static String fileTime(Instant instant) {
        return instant.toString().replace(":", "").replace("-", "");
    }
}
