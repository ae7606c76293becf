package io.livelink.link.view;

import io.livelink.commons.refusal.DomainRefusal;
import io.livelink.commons.refusal.Refused;
import io.livelink.link.signing.EnterpriseLink;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public: the member link itself is the credential, no JWT. */
@Path("/e")
@Tag(name = "Resolve")
@PermitAll
public class EnterpriseResolveResource {

    /** Only the canonical decimal (no sign, no leading zero) is the signed text of the link. */
    private static final Pattern CANONICAL_EPOCH_SECONDS = Pattern.compile("[1-9][0-9]{0,11}");

    private final LinkResolver resolver;
    private final BrowserAnswers answers;
    private final EventLoopFirst eventLoopFirst;

    public EnterpriseResolveResource(
            LinkResolver resolver, BrowserAnswers answers, EventLoopFirst eventLoopFirst) {
        this.resolver = resolver;
        this.answers = answers;
        this.eventLoopFirst = eventLoopFirst;
    }

    @GET
    @Path("/{streamId}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(
            summary = "Resolve an ENTERPRISE member link",
            description =
                    "JSON for API clients; a browser (WeCom's, Feishu's, DingTalk's: Accept: text/html) is redirected (303) to the player with ?token=, refusals as HTML pages with the same status. 403 tampered or not-a-member, 404 unknown-link, 410 expired or revoked.")
    @APIResponse(
            responseCode = "200",
            description = "the resolve answer (API clients)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ResolveAnswer.class)))
    @APIResponse(responseCode = "303", description = "a browser, sent on to the player")
    public CompletionStage<Response> resolve(
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
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
            @Context HttpHeaders headers) {
        if (corp == null
                || nonce == null
                || m == null
                || channel == null
                || ts == null
                || !CANONICAL_EPOCH_SECONDS.matcher(ts).matches()) {
            return CompletableFuture.completedFuture(
                    answers.refused(
                            headers, Refused.notAllowed("tampered", "the link is incomplete")));
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
        return eventLoopFirst.run(
                () -> {
                    CompletionStage<ResolveAnswer> resolved;
                    try {
                        resolved = resolver.resolveEnterprise(fields, keyId, signature, userAgent);
                    } catch (DomainRefusal refused) {
                        return CompletableFuture.completedFuture(answers.refused(headers, refused));
                    }
                    return answers.answer(headers, resolved, Response.ResponseBuilder::build);
                });
    }
}
