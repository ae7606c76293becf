package io.livelink.permission.directory;

import io.livelink.commons.security.Roles;
import io.livelink.permission.directory.DirectoryViews.CreateMember;
import io.livelink.permission.directory.DirectoryViews.CreateOrganisation;
import io.livelink.permission.directory.DirectoryViews.ImportReport;
import io.livelink.permission.directory.DirectoryViews.MemberView;
import io.livelink.permission.directory.DirectoryViews.MoveMember;
import io.livelink.permission.directory.DirectoryViews.OrganisationView;
import io.livelink.permission.directory.DirectoryViews.UpdateMember;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/tenants/{tenantId}")
@Tag(name = "Directory")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN})
public class DirectoryResource {

    private final DirectoryService directory;
    private final MemberImport imports;

    public DirectoryResource(DirectoryService directory, MemberImport imports) {
        this.directory = directory;
        this.imports = imports;
    }

    @POST
    @Path("/organisations")
    public Response createOrganisation(
            @PathParam("tenantId") String tenantId, @Valid @NotNull CreateOrganisation body) {
        return Response.status(Response.Status.CREATED)
                .entity(directory.createOrganisation(tenantId, body))
                .build();
    }

    @GET
    @Path("/organisations")
    @Operation(summary = "The organisation tree, as nodes with their parent")
    public List<OrganisationView> organisations(@PathParam("tenantId") String tenantId) {
        return directory.organisations(tenantId);
    }

    @DELETE
    @Path("/organisations/{organisationId}")
    public Response deleteOrganisation(
            @PathParam("tenantId") String tenantId,
            @PathParam("organisationId") String organisationId) {
        directory.deleteOrganisation(tenantId, organisationId);
        return Response.noContent().build();
    }

    @POST
    @Path("/members")
    @Operation(summary = "Add a member", description = "Emits MemberJoined.")
    public Response addMember(
            @PathParam("tenantId") String tenantId, @Valid @NotNull CreateMember body) {
        return Response.status(Response.Status.CREATED)
                .entity(directory.addMember(tenantId, body))
                .build();
    }

    @GET
    @Path("/members")
    @Operation(
            summary = "Search members",
            description = "Fuzzy and case-insensitive on name and account; phones masked.")
    public List<MemberView> search(
            @PathParam("tenantId") String tenantId,
            @QueryParam("q") @Size(max = 100) String query,
            @QueryParam("organisationId") String organisationId,
            @QueryParam("includeLeft") @DefaultValue("false") boolean includeLeft,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return directory.search(tenantId, query, organisationId, includeLeft, page, size);
    }

    @GET
    @Path("/members/{memberId}")
    public MemberView member(
            @PathParam("tenantId") String tenantId, @PathParam("memberId") String memberId) {
        return directory.member(tenantId, memberId);
    }

    @PATCH
    @Path("/members/{memberId}")
    public MemberView update(
            @PathParam("tenantId") String tenantId,
            @PathParam("memberId") String memberId,
            @Valid @NotNull UpdateMember body) {
        return directory.update(tenantId, memberId, body);
    }

    @POST
    @Path("/members/{memberId}/move")
    public MemberView move(
            @PathParam("tenantId") String tenantId,
            @PathParam("memberId") String memberId,
            @NotNull MoveMember body) {
        return directory.move(tenantId, memberId, body.organisationId());
    }

    @DELETE
    @Path("/members/{memberId}")
    @Operation(
            summary = "The member leaves the tenant",
            description =
                    "Emits MemberLeft; their grants are revoked and pending requests cancelled.")
    public Response leave(
            @PathParam("tenantId") String tenantId,
            @PathParam("memberId") String memberId,
            @QueryParam("reason") @Size(max = 2000) String reason) {
        directory.leave(tenantId, memberId, reason);
        return Response.noContent().build();
    }

    @POST
    @Path("/members/import")
    @Consumes({"text/csv", MemberImport.XLSX})
    @Operation(
            summary = "Import members from CSV or XLSX",
            description =
                    "Columns: account, displayName, id, email, phone, organisation or organisationId, roles (';'-separated). Good rows are kept; the report names each bad row and why.")
    public ImportReport importMembers(
            @PathParam("tenantId") String tenantId,
            @jakarta.ws.rs.HeaderParam("Content-Type") String contentType,
            InputStream file) {
        return imports.importMembers(
                tenantId, file, contentType != null && contentType.startsWith(MemberImport.XLSX));
    }
}
