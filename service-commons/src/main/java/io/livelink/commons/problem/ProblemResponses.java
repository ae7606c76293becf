package io.livelink.commons.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the problem type in every service's OpenAPI document: the {@code Problem} schema (RFC
 * 7807 with LiveLink's {@code reason} and {@code errors}), and on every operation the {@code 4XX}
 * answer as {@code application/problem+json}, since every operation can refuse (bad input,
 * authentication, permissions, the domain's own refusals) and always does so with a problem.
 * Responses an operation declares itself keep their description and get the problem content.
 * Operations without a bearer-token requirement say so explicitly ({@code security: []}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BOTH)
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";
    private static final String REF = "#/components/schemas/" + SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(SCHEMA, problemSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                documentRefusals(operation);
                if (operation.getSecurity() == null) {
                    // Quarkus adds the bearer requirement to every @RolesAllowed operation; the
                    // others are public or carry their own credential (a signed link, a session or
                    // player token, a media server's callback secret), which is no bearer token.
                    operation.setSecurity(List.of());
                }
            }
        }
    }

    private static void documentRefusals(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean declaresARefusal = false;
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                declaresARefusal |= response.getKey().startsWith("4");
                if (response.getValue().getContent() == null
                        || response.getValue().getContent().getMediaTypes().isEmpty()) {
                    response.getValue().setContent(problemContent());
                }
            }
        }
        if (!declaresARefusal) {
            responses.addAPIResponse(
                    "4XX",
                    OASFactory.createAPIResponse()
                            .description(
                                    "Refused: bad input (400, with `errors` naming each field),"
                                            + " no or a wrong token (401), not allowed (403), not"
                                            + " found or another tenant's (404), or a refusal of"
                                            + " the domain; `reason` says which")
                            .content(problemContent()));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(SchemaType.STRING);
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description(
                        "An RFC 7807 problem. Clients switch on `reason` (also the last segment"
                                + " of `type`, https://livelink.io/problems/{reason}), e.g."
                                + " invalid-request, unauthorized, forbidden, not-found, expired,"
                                + " revoked, tampered, not-a-member; each operation's description"
                                + " names the reasons of its own refusals.")
                .required(List.of("type", "title", "status", "reason"))
                .addProperty(
                        "type",
                        OASFactory.createSchema()
                                .addType(SchemaType.STRING)
                                .format("uri")
                                .description("https://livelink.io/problems/{reason}"))
                .addProperty("title", text.description("What kind of problem, for people"))
                .addProperty(
                        "status",
                        OASFactory.createSchema()
                                .addType(SchemaType.INTEGER)
                                .description("The HTTP status"))
                .addProperty(
                        "detail",
                        OASFactory.createSchema()
                                .addType(SchemaType.STRING)
                                .description("What was wrong with this request"))
                .addProperty(
                        "instance",
                        OASFactory.createSchema()
                                .addType(SchemaType.STRING)
                                .description("The request path"))
                .addProperty(
                        "reason",
                        OASFactory.createSchema()
                                .addType(SchemaType.STRING)
                                .description("The machine-readable cause"))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(SchemaType.ARRAY)
                                .description("Bad input: one entry per offending field")
                                .items(
                                        OASFactory.createSchema()
                                                .addType(SchemaType.OBJECT)
                                                .required(List.of("field", "message"))
                                                .addProperty(
                                                        "field",
                                                        OASFactory.createSchema()
                                                                .addType(SchemaType.STRING))
                                                .addProperty(
                                                        "message",
                                                        OASFactory.createSchema()
                                                                .addType(SchemaType.STRING))));
    }
}
