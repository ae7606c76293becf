package io.livelink.permission.request;

import io.livelink.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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

    /**
     * @param validFor how long each grant lasts from its approval (ISO-8601, e.g. P30D); none:
     *     until revoked
     */
    public record BulkApproval(
            @NotEmpty @Size(max = 200) List<@NotBlank @Size(max = 128) String> ids,
            @Size(max = 2000) String comment,
            Duration validFor) {}

    public record BulkRejection(
            @NotEmpty @Size(max = 200) List<@NotBlank @Size(max = 128) String> ids,
            @Size(max = 2000) String comment) {}

    @POST
    @RolesAllowed(Roles.MEMBER)
    @Operation(
            summary = "Ask for permission",
            description =
                    "To install the live app, to use it, or to broadcast. The request expires if left pending.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "broadcast",
                                            value =
                                                    "{\"purpose\":\"BROADCAST\",\"reason\":\"Weekly product demo for the sales team\"}")))
    public Response create(@Valid @NotNull CreateRequest body, UriInfo uri) {
        RequestView created = requests.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN})
    @Operation(
            summary =
                    "A member's own requests, a tenant admin's inbox, or (platform admin) any tenant's")
    public List<RequestView> list(
            @QueryParam("tenantId") String tenantId,
            @QueryParam("status") RequestStatus status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return requests.list(tenantId, status, page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.MEMBER, Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN})
    public RequestView get(@PathParam("id") String id) {
        return requests.get(id);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary = "Approve",
            description =
                    "A BROADCAST request creates a grant and a sub-account; validFor (ISO-8601) limits the grant from now. Approving again answers the same grant.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "30 days",
                                            value =
                                                    "{\"comment\":\"go ahead\",\"validFor\":\"P30D\"}")))
    public RequestService.Approval approve(@PathParam("id") String id, @Valid Decision decision) {
        return requests.approve(id, decision);
    }

    @POST
    @Path("/approve")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary = "Approve several requests",
            description =
                    "Each is decided on its own; the answer lists every outcome. validFor (ISO-8601) limits every grant, each from its approval.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "30 days",
                                            value =
                                                    "{\"ids\":[\"…\",\"…\"],\"comment\":\"go ahead\",\"validFor\":\"P30D\"}")))
    public List<RequestService.BulkResult> approveAll(@Valid @NotNull BulkApproval body) {
        return requests.approveAll(body.ids(), new Decision(body.comment(), body.validFor()));
    }

    @POST
    @Path("/reject")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary = "Reject several requests",
            description = "Each is decided on its own; the answer lists every outcome.")
    public List<RequestService.BulkResult> rejectAll(@Valid @NotNull BulkRejection body) {
        return requests.rejectAll(body.ids(), new Decision(body.comment(), null));
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public RequestView reject(@PathParam("id") String id, @Valid Decision decision) {
        return requests.reject(id, decision);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.MEMBER)
    @Operation(summary = "Withdraw one's own pending request")
    public RequestView cancel(@PathParam("id") String id) {
        return requests.cancel(id);
    }
}
