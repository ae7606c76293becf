package io.livelink.link.view;

import io.livelink.commons.refusal.Refused;
import io.livelink.link.signing.EnterpriseLink;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public: the member link itself is the credential, no JWT. */
@Path("/e")
@Tag(name = "Resolve")
@PermitAll
public class EnterpriseResolveResource {

    /** Only the canonical decimal (no sign, no leading zero) is the signed text of the link. */
    private static final Pattern CANONICAL_EPOCH_SECONDS = Pattern.compile("[1-9][0-9]{0,11}");

    private final LinkResolver resolver;

    public EnterpriseResolveResource(LinkResolver resolver) {
        this.resolver = resolver;
    }

    @GET
    @Path("/{streamId}")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Resolve an ENTERPRISE member link",
            description = "403 tampered or not-a-member, 404 unknown-link, 410 expired or revoked.")
    public CompletionStage<ResolveAnswer> resolve(
            @PathParam("streamId") String streamId,
            @QueryParam("corp") String corp,
            @QueryParam("ts") String ts,
            @QueryParam("nonce") String nonce,
            @QueryParam("m") String m,
            @QueryParam("ch") String channel,
            @QueryParam("utm_source") String utmSource,
            @QueryParam("utm_medium") String utmMedium,
            @QueryParam("utm_campaign") String utmCampaign,
            @QueryParam("kid") String keyId,
            @QueryParam("sig") String signature,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        if (corp == null
                || nonce == null
                || m == null
                || channel == null
                || ts == null
                || !CANONICAL_EPOCH_SECONDS.matcher(ts).matches()) {
            throw Refused.notAllowed("tampered", "the link is incomplete");
        }
        EnterpriseLink fields =
                new EnterpriseLink(
                        streamId,
                        corp,
                        Long.parseLong(ts),
                        nonce,
                        m,
                        channel,
                        utmSource,
                        utmMedium,
                        utmCampaign);
        return resolver.resolveEnterprise(fields, keyId, signature, userAgent);
    }
}
