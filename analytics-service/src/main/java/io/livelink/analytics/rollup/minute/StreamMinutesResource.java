package io.livelink.analytics.rollup.minute;

import io.livelink.analytics.export.ExportFormat;
import io.livelink.analytics.export.Exports;
import io.livelink.analytics.query.QuerySettings;
import io.livelink.analytics.query.RangeQuery;
import io.livelink.analytics.query.StreamOwnership;
import io.livelink.analytics.query.StreamOwnership.VisibleStream;
import io.livelink.analytics.rollup.Rows;
import io.livelink.commons.security.Roles;
import io.livelink.events.StreamMinuteRollup.ChannelMinute;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** H5 reports: the stream's minutes with their channel breakdown. */
@Path("/streams/{streamId}/minutes")
@Tag(name = "Per-minute rollups")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MEMBER, Roles.PLATFORM_ADMIN})
public class StreamMinutesResource {

    private final EntityManager entityManager;
    private final StreamOwnership ownership;
    private final Duration maxRange;

    private final MinutesExport export;

    public StreamMinutesResource(
            EntityManager entityManager,
            StreamOwnership ownership,
            MinutesExport export,
            QuerySettings limits) {
        this.entityManager = entityManager;
        this.ownership = ownership;
        this.export = export;
        this.maxRange = limits.maxMinuteRange();
    }

    /**
     * The minutes in [from, to) with their channel breakdown as JSON, or as a PDF report with a
     * viewers-over-time chart ({@code format=json|pdf}); streamed, see {@link MinutesExport}.
     */
    @GET
    @Path("/export")
    @Transactional
    public Response export(
            @PathParam("streamId") String streamId,
            @QueryParam("format") String format,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        RangeQuery<Instant> range = RangeQuery.instants(from, to, null, null, maxRange);
        VisibleStream stream = ownership.requireVisible(streamId);
        ExportFormat exportFormat = ExportFormat.of(format, stream.streamType());
        String name =
                "stream-"
                        + streamId
                        + "-minutes-"
                        + range.from().toString().replace(":", "").replace("-", "");
        return Exports.attachment(
                exportFormat,
                name,
                exportFormat == ExportFormat.PDF
                        ? export.pdf(streamId, range)
                        : export.json(streamId, range));
    }

    public record Minute(
            Instant minute,
            long views,
            long uniqueViewers,
            long watchSeconds,
            long peakConcurrent,
            List<ChannelMinute> channels,
            int revision) {}

    @GET
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Minute> minutes(
            @PathParam("streamId") String streamId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        RangeQuery<Instant> range = RangeQuery.instants(from, to, page, size, maxRange);
        ownership.requireVisible(streamId);
        List<Object[]> totals =
                range.pageOfStream(
                        entityManager,
                        "select "
                                + Rows.millis("minute")
                                + ", views, unique_viewers, watch_seconds, peak_concurrent,"
                                + " revision from stream_minute where stream_id = :stream"
                                + " and channel = '' and minute >= :from and minute < :to"
                                + " order by minute",
                        streamId);
        if (totals.isEmpty()) {
            return List.of();
        }
        Map<Instant, List<ChannelMinute>> channels = new LinkedHashMap<>();
        List<Object[]> byChannel =
                entityManager
                        .createNativeQuery(
                                "select "
                                        + Rows.millis("minute")
                                        + ", channel, views, unique_viewers, watch_seconds,"
                                        + " peak_concurrent from stream_minute where stream_id ="
                                        + " :stream and channel <> '' and minute >= :from and"
                                        + " minute <= :last order by minute, channel")
                        .setParameter("stream", streamId)
                        .setParameter("from", Rows.instant(totals.get(0)[0]))
                        .setParameter("last", Rows.instant(totals.get(totals.size() - 1)[0]))
                        .getResultList();
        for (Object[] r : byChannel) {
            channels.computeIfAbsent(Rows.instant(r[0]), m -> new ArrayList<>())
                    .add(
                            new ChannelMinute(
                                    (String) r[1],
                                    Rows.count(r[2]),
                                    Rows.count(r[3]),
                                    Rows.count(r[4]),
                                    Rows.count(r[5])));
        }
        return totals.stream()
                .map(
                        r ->
                                new Minute(
                                        Rows.instant(r[0]),
                                        Rows.count(r[1]),
                                        Rows.count(r[2]),
                                        Rows.count(r[3]),
                                        Rows.count(r[4]),
                                        channels.getOrDefault(Rows.instant(r[0]), List.of()),
                                        (int) Rows.count(r[5])))
                .toList();
    }
}
