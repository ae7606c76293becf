package io.livelink.console.signin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's own endpoints for signing in: which ways are offered (the development sign-in, an
 * OIDC issuer), and the development sign-in that mints a local-issuer token. Refusals are RFC 7807
 * problems shaped like the services' (a {@code reason}, and {@code errors} naming each field), so
 * the page shows them the same way.
 */
@Path("/console")
@Produces(MediaType.APPLICATION_JSON)
public class DevSignInResource {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final DevTokens tokens;
    private final OidcSignInSettings oidc;

    public DevSignInResource(DevTokens tokens, OidcSignInSettings oidc) {
        this.tokens = tokens;
        this.oidc = oidc;
    }

    /**
     * @param oidc the OIDC issuer the page signs in with, null when none is configured
     */
    public record SignInOptions(boolean devSignIn, List<String> roles, OidcIssuer oidc) {}

    /** What the browser needs to run the authorization code flow with PKCE against the issuer. */
    public record OidcIssuer(String issuer, String clientId, String scopes) {}

    public record DevSignInRequest(String role, String tenant, String member) {}

    @GET
    @Path("/sign-in-options")
    public SignInOptions options() {
        OidcIssuer issuer =
                oidc.issuerUrl()
                        .map(url -> url.replaceAll("/+$", ""))
                        .map(url -> new OidcIssuer(url, oidc.clientId(), oidc.scopes()))
                        .orElse(null);
        return new SignInOptions(
                tokens.offered(),
                tokens.offered() ? List.copyOf(sortedRoles()) : List.of(),
                issuer);
    }

    @POST
    @Path("/dev-sign-in")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(DevSignInRequest request) {
        if (!tokens.offered()) {
            return problem(
                    404,
                    "Not Found",
                    "dev-sign-in-off",
                    "the development sign-in is offered only with the local issuer",
                    List.of());
        }
        DevSignInRequest asked = request != null ? request : new DevSignInRequest(null, null, null);
        DevIdentity.Result result = DevIdentity.of(asked.role(), asked.tenant(), asked.member());
        if (!result.errors().isEmpty()) {
            return problem(
                    400,
                    "Bad Request",
                    "invalid-request",
                    "the sign-in names no valid role, tenant or member",
                    result.errors());
        }
        return Response.ok(tokens.mint(result.identity()).orElseThrow()).build();
    }

    private static List<String> sortedRoles() {
        return DevIdentity.ROLES.stream().sorted().toList();
    }

    private static Response problem(
            int status,
            String title,
            String reason,
            String detail,
            List<DevIdentity.FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://livelink.io/problems/" + reason);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("reason", reason);
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(DevIdentity.FieldError::asMap).toList());
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
