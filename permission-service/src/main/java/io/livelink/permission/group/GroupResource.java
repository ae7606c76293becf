package io.livelink.permission.group;

import io.livelink.commons.security.Roles;
import io.livelink.permission.group.GroupViews.CreateGroup;
import io.livelink.permission.group.GroupViews.GroupMembers;
import io.livelink.permission.group.GroupViews.GroupSummary;
import io.livelink.permission.group.GroupViews.GroupView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/tenants/{tenantId}/groups")
@Tag(name = "Directory groups")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN})
public class GroupResource {

    private final GroupService groups;

    public GroupResource(GroupService groups) {
        this.groups = groups;
    }

    @POST
    @Operation(
            summary = "Create a group",
            description =
                    "Members must be ACTIVE in the directory. Emits DirectoryGroupChanged; streams bound to the group issue member links to its members only.")
    public Response create(
            @PathParam("tenantId") String tenantId, @Valid @NotNull CreateGroup body) {
        return Response.status(Response.Status.CREATED)
                .entity(groups.create(tenantId, body))
                .build();
    }

    @GET
    @Operation(summary = "The tenant's groups, by name, with their member counts")
    public List<GroupSummary> list(
            @PathParam("tenantId") String tenantId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return groups.list(tenantId, page, size);
    }

    @GET
    @Path("/{groupId}")
    public GroupView get(
            @PathParam("tenantId") String tenantId, @PathParam("groupId") String groupId) {
        return groups.get(tenantId, groupId);
    }

    @PUT
    @Path("/{groupId}/members")
    @Operation(
            summary = "Replace the members",
            description = "Training-class groups follow their class's sync instead: 409.")
    public GroupView replaceMembers(
            @PathParam("tenantId") String tenantId,
            @PathParam("groupId") String groupId,
            @Valid @NotNull GroupMembers body) {
        return groups.replaceMembers(tenantId, groupId, body.memberIds());
    }

    @POST
    @Path("/{groupId}/members")
    @Operation(summary = "Add members (those already in the group stay)")
    public GroupView addMembers(
            @PathParam("tenantId") String tenantId,
            @PathParam("groupId") String groupId,
            @Valid @NotNull GroupMembers body) {
        return groups.addMembers(tenantId, groupId, body.memberIds());
    }

    @DELETE
    @Path("/{groupId}/members/{memberId}")
    public GroupView removeMember(
            @PathParam("tenantId") String tenantId,
            @PathParam("groupId") String groupId,
            @PathParam("memberId") String memberId) {
        return groups.removeMember(tenantId, groupId, memberId);
    }

    @DELETE
    @Path("/{groupId}")
    @Operation(
            summary = "Delete a group",
            description =
                    "Announced as an empty group; a training class's later sync recreates it.")
    public Response delete(
            @PathParam("tenantId") String tenantId, @PathParam("groupId") String groupId) {
        groups.delete(tenantId, groupId);
        return Response.noContent().build();
    }
}
