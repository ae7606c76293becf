package io.livelink.analytics.views;

import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import io.livelink.events.StreamType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/streams/{streamId}/views")
@Tag(name = "Views")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MEMBER})
public class StreamViewsResource {

    private final Caller caller;

    public StreamViewsResource(Caller caller) {
        this.caller = caller;
    }

    public record StreamViews(
            String streamId,
            StreamType streamType,
            long views,
            long leaves,
            Instant firstEventAt,
            Instant lastEventAt) {}

    /** Views (joins) so far; a stream of another tenant, or with no views yet, answers 404. */
    @GET
    @Transactional
    public StreamViews get(@PathParam("streamId") String streamId) {
        StreamViewTotals totals = StreamViewTotals.findById(streamId);
        if (totals == null || !totals.tenantId.equals(caller.tenantId())) {
            throw new NotFound("views of stream", streamId);
        }
        return new StreamViews(
                totals.streamId,
                totals.streamType,
                totals.joins,
                totals.leaves,
                totals.firstEventAt,
                totals.lastEventAt);
    }
}
