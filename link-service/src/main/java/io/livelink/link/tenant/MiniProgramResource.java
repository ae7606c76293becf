package io.livelink.link.tenant;

import io.livelink.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/tenants/{tenantId}/mini-program")
@Tag(name = "Tenants")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN})
public class MiniProgramResource {

    /**
     * @param page the page that plays a stream (receives {@code code} and {@code ch}); default the
     *     configured page
     */
    public record MiniProgramRequest(
            @NotNull
                    @Pattern(
                            regexp = "wx[0-9a-f]{16}",
                            message = "must be a WeChat appid: wx and 16 hexadecimal digits")
                    String appId,
            @Size(max = 200)
                    @Pattern(
                            regexp = "[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*",
                            message = "must be a mini-program page path like pages/live/index")
                    String page) {}

    private final MiniPrograms miniPrograms;

    public MiniProgramResource(MiniPrograms miniPrograms) {
        this.miniPrograms = miniPrograms;
    }

    @GET
    @Operation(
            summary = "The tenant's WeChat mini-program",
            description = "Its own (own: true) or the configured default.")
    public MiniPrograms.MiniProgram get(@PathParam("tenantId") String tenantId) {
        return miniPrograms.get(tenantId);
    }

    @PUT
    @Operation(
            summary = "Use the tenant's own WeChat mini-program",
            description =
                    "MINI_PROGRAM links issued from now on open this appid (and page); another tenant answers 404.")
    public MiniPrograms.MiniProgram set(
            @PathParam("tenantId") String tenantId, @Valid @NotNull MiniProgramRequest request) {
        return miniPrograms.set(tenantId, request.appId(), request.page());
    }

    @DELETE
    @Operation(summary = "Back to the configured default mini-program")
    public Response clear(@PathParam("tenantId") String tenantId) {
        miniPrograms.clear(tenantId);
        return Response.noContent().build();
    }
}
