package io.livelink.permission.request;

import io.livelink.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/permission-requests")
@Tag(name = "Permission requests")
@SecurityRequirement(name = "jwt")
public class PermissionRequestResource {

    private final RequestService requests;

    public PermissionRequestResource(RequestService requests) {
        this.requests = requests;
    }

    @POST
    @RolesAllowed(Roles.MEMBER)
    public Response create(@Valid @NotNull CreateRequest body, UriInfo uri) {
        RequestView created = requests.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.TENANT_ADMIN})
    public List<RequestView> list(
            @QueryParam("status") RequestStatus status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return requests.list(status, page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.MEMBER, Roles.TENANT_ADMIN})
    public RequestView get(@PathParam("id") String id) {
        return requests.get(id);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public RequestService.Approval approve(@PathParam("id") String id, @Valid Decision decision) {
        return requests.approve(id, decision);
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public RequestView reject(@PathParam("id") String id, @Valid Decision decision) {
        return requests.reject(id, decision);
    }
}
