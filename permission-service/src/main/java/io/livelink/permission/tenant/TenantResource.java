package io.livelink.permission.tenant;

import io.livelink.commons.security.Roles;
import io.livelink.events.QualificationStatus;
import io.livelink.events.StreamType;
import io.livelink.permission.tenant.TenantViews.CreateTenant;
import io.livelink.permission.tenant.TenantViews.QualificationView;
import io.livelink.permission.tenant.TenantViews.RejectQualification;
import io.livelink.permission.tenant.TenantViews.SubmitQualification;
import io.livelink.permission.tenant.TenantViews.TenantView;
import io.livelink.permission.tenant.TenantViews.UpdateSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/tenants")
@Tag(name = "Tenants")
@SecurityRequirement(name = "jwt")
public class TenantResource {

    private final TenantService tenants;

    public TenantResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            summary = "Onboard an enterprise",
            description =
                    "ENTERPRISE streams are allowed at once; MINI_PROGRAM and H5 need a verified qualification.")
    public Response create(@Valid @NotNull CreateTenant body, UriInfo uri) {
        TenantView created = tenants.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Tenants, by id",
            description =
                    "qualification=PENDING lists the tenants with a qualification waiting for"
                            + " review (the platform admin's review queue); VERIFIED and REJECTED"
                            + " likewise. A tenant admin sees their own tenant only.")
    public List<TenantView> list(
            @QueryParam("qualification") String qualification,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return tenants.list(TenantService.qualificationStatus(qualification), page, size);
    }

    @GET
    @Path("/{tenantId}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    public TenantView get(@PathParam("tenantId") String tenantId) {
        return tenants.get(tenantId);
    }

    @PUT
    @Path("/{tenantId}/settings")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Enable or disable the live service, set the broadcast policy or time zone")
    public TenantView updateSettings(
            @PathParam("tenantId") String tenantId, @Valid @NotNull UpdateSettings body) {
        return tenants.updateSettings(tenantId, body);
    }

    @POST
    @Path("/{tenantId}/qualifications/{streamType}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Submit a qualification for review",
            description =
                    "e.g. the verified official account for MINI_PROGRAM, the business licence for H5")
    public QualificationView submit(
            @PathParam("tenantId") String tenantId,
            @PathParam("streamType") StreamType streamType,
            @Valid @NotNull SubmitQualification body) {
        return tenants.submit(tenantId, streamType, body.evidence());
    }

    @POST
    @Path("/{tenantId}/qualifications/{streamType}/verify")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public QualificationView verify(
            @PathParam("tenantId") String tenantId,
            @PathParam("streamType") StreamType streamType) {
        return tenants.decide(tenantId, streamType, QualificationStatus.VERIFIED, null);
    }

    @POST
    @Path("/{tenantId}/qualifications/{streamType}/reject")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public QualificationView reject(
            @PathParam("tenantId") String tenantId,
            @PathParam("streamType") StreamType streamType,
            @Valid @NotNull RejectQualification body) {
        return tenants.decide(tenantId, streamType, QualificationStatus.REJECTED, body.reason());
    }
}
