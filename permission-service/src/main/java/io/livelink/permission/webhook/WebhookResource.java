package io.livelink.permission.webhook;

import io.livelink.commons.security.Roles;
import io.livelink.permission.audit.AuditTrail;
import io.livelink.permission.tenant.TenantService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/tenants/{tenantId}/webhook")
@Tag(name = "Webhooks")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN})
public class WebhookResource {

    private final TenantService tenants;
    private final AuditTrail audit;
    private final Clock clock;

    public WebhookResource(TenantService tenants, AuditTrail audit, Clock clock) {
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    public record RegisterWebhook(
            @NotBlank
                    @Size(max = 2000)
                    @Pattern(regexp = "https?://.+", message = "must be an http(s) URL")
                    String url,
            @NotBlank @Size(min = 16, max = 200) String secret) {}

    /** The secret is never shown again; url and updatedAt are null while none is registered. */
    public record WebhookView(String url, Instant updatedAt) {}

    public record DeliveryView(
            String id,
            String eventType,
            int attempts,
            Instant nextAttemptAt,
            Instant deliveredAt,
            Instant failedAt,
            String lastError,
            Instant createdAt) {}

    @PUT
    @Transactional
    @Operation(
            summary = "Register the webhook that receives permission request state changes",
            description =
                    "Each POST carries X-LiveLink-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + '.' + body)>, X-LiveLink-Delivery (idempotency key) and X-LiveLink-Event; failures are retried with exponential backoff.")
    public WebhookView register(
            @PathParam("tenantId") String tenantId, @Valid @NotNull RegisterWebhook body) {
        tenants.visible(tenantId);
        TenantWebhook webhook = TenantWebhook.findById(tenantId);
        if (webhook == null) {
            webhook = new TenantWebhook();
            webhook.tenantId = tenantId;
        }
        webhook.url = body.url();
        webhook.secret = body.secret();
        webhook.updatedAt = clock.instant();
        webhook.persist();
        audit.record(
                tenantId,
                "webhook.registered",
                "tenant",
                tenantId,
                null,
                Map.of("url", body.url()));
        return new WebhookView(webhook.url, webhook.updatedAt);
    }

    @GET
    @Transactional
    @Operation(
            summary = "The registered webhook",
            description =
                    "url null: none is registered (a settings page asks this before any is, so it is"
                            + " an answer, not a 404).")
    public WebhookView get(@PathParam("tenantId") String tenantId) {
        tenants.visible(tenantId);
        TenantWebhook webhook = TenantWebhook.findById(tenantId);
        if (webhook == null) {
            return new WebhookView(null, null);
        }
        return new WebhookView(webhook.url, webhook.updatedAt);
    }

    @DELETE
    @Transactional
    public Response remove(@PathParam("tenantId") String tenantId) {
        tenants.visible(tenantId);
        if (TenantWebhook.deleteById(tenantId)) {
            audit.record(tenantId, "webhook.removed", "tenant", tenantId, null, Map.of());
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/deliveries")
    @Transactional
    @Operation(summary = "Recent deliveries with their attempts and last error")
    public List<DeliveryView> deliveries(@PathParam("tenantId") String tenantId) {
        tenants.visible(tenantId);
        return WebhookDelivery.<WebhookDelivery>find(
                        "tenantId = ?1 order by createdAt desc", tenantId)
                .page(0, 100)
                .list()
                .stream()
                .map(
                        d ->
                                new DeliveryView(
                                        d.id,
                                        d.eventType,
                                        d.attempts,
                                        d.nextAttemptAt,
                                        d.deliveredAt,
                                        d.failedAt,
                                        d.lastError,
                                        d.createdAt))
                .toList();
    }
}
