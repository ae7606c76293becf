package io.livelink.link.stream;

import io.livelink.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/streams")
@Tag(name = "Streams")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MEMBER})
public class StreamResource {

    private final StreamService streams;

    public StreamResource(StreamService streams) {
        this.streams = streams;
    }

    @POST
    public Response create(@Valid @NotNull CreateStreamRequest request, UriInfo uri) {
        StreamView created = streams.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    @Path("/{streamId}")
    public StreamView get(@PathParam("streamId") String streamId) {
        return streams.get(streamId);
    }

    @PATCH
    @Path("/{streamId}")
    @Operation(
            summary = "Change title, description, watch scope or replay",
            description =
                    "By the creator or a tenant admin; a member's changed public stream waits for approval again.")
    public StreamView update(
            @PathParam("streamId") String streamId, @Valid @NotNull UpdateStreamRequest request) {
        return streams.update(streamId, request);
    }

    @POST
    @Path("/{streamId}/approve")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary = "Approve a public stream",
            description = "EVERYONE-scope streams created by members get links only once approved.")
    public StreamView approve(@PathParam("streamId") String streamId) {
        return streams.approve(streamId);
    }

    @POST
    @Path("/{streamId}/start")
    @Operation(summary = "Go live (SCHEDULED → LIVE)")
    public StreamView start(@PathParam("streamId") String streamId) {
        return streams.start(streamId);
    }

    @POST
    @Path("/{streamId}/end")
    @Operation(summary = "End the stream (→ ENDED); replay links keep working when replay is on")
    public StreamView end(@PathParam("streamId") String streamId) {
        return streams.end(streamId);
    }

    @GET
    public List<StreamView> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return streams.list(page, size);
    }
}
