package io.livelink.link.view;

import io.livelink.commons.refusal.InvalidInput;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Called by the mini-program page with the code from its query and the viewer's OpenID. */
@Path("/mp")
@Tag(name = "Resolve")
@PermitAll
public class MiniProgramResolveResource {

    static final String OPENID_HEADER = "X-WeChat-OpenId";
    private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{6,64}");

    private final LinkResolver resolver;
    private final EventLoopFirst eventLoopFirst;

    public MiniProgramResolveResource(LinkResolver resolver, EventLoopFirst eventLoopFirst) {
        this.resolver = resolver;
        this.eventLoopFirst = eventLoopFirst;
    }

    @GET
    @Path("/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Resolve a MINI_PROGRAM link",
            description =
                    "Only inside WeChat (403 outside-wechat); the viewer is identified by OpenID.")
    public CompletionStage<ResolveAnswer> resolve(
            @PathParam("code") String code,
            @HeaderParam(OPENID_HEADER) String openId,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        if (openId == null || !OPENID.matcher(openId).matches()) {
            throw new InvalidInput(OPENID_HEADER, "must be the viewer's WeChat OpenID");
        }
        return eventLoopFirst.run(() -> resolver.resolveMiniProgram(code, openId, userAgent));
    }
}
