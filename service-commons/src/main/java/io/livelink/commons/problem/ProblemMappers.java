package io.livelink.commons.problem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.livelink.commons.input.UnusableTextException;
import io.livelink.commons.refusal.DomainRefusal;
import io.livelink.commons.refusal.FieldError;
import io.livelink.commons.sql.SqlStates;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where every error leaving a LiveLink service becomes an RFC 7807 problem. Expected
 * refusals are logged at DEBUG without stack traces; only the unexpected is logged as an error.
 */
public class ProblemMappers {

    private static final String URL_DECODER = "org.jboss.resteasy.reactive.common.util.URLUtils";

    @ServerExceptionMapper
    public Response domainRefusal(DomainRefusal e, UriInfo uri) {
        Log.debugf("refused %s: %s", uri.getPath(), e.getMessage());
        return respond(RefusalProblems.problemOf(e), uri);
    }

    /** Also replaces Quarkus' own violation report, so every 400 has the same problem shape. */
    @ServerExceptionMapper({
        ConstraintViolationException.class,
        ResteasyReactiveViolationException.class
    })
    public Response invalidInput(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors =
                e.getConstraintViolations().stream()
                        .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                        .sorted(Comparator.comparing(FieldError::field))
                        .toList();
        String detail =
                errors.stream()
                        .map(f -> f.field() + " " + f.message())
                        .collect(Collectors.joining("; "));
        return respond(Problem.invalid(detail, errors), uri);
    }

    /**
     * Also replaces quarkus-rest-jackson's own report of a mismatched field. A failure to write a
     * response (its processor is a generator, not a parser) is the service's fault, not the
     * request's: a 500.
     */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        if (e.getProcessor() instanceof JsonGenerator) {
            return unexpected(e, uri);
        }
        String field =
                e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                        ? mapping.getPath().stream()
                                .map(
                                        r ->
                                                r.getFieldName() != null
                                                        ? r.getFieldName()
                                                        : "[" + r.getIndex() + "]")
                                .collect(Collectors.joining("."))
                                .replace(".[", "[")
                        : "body";
        String message;
        if (e instanceof UnusableTextException unusable) {
            message = unusable.rule();
        } else if (field.equals("body")) {
            message = "is not valid JSON";
        } else {
            message = "has a value of the wrong type or format";
        }
        Log.debugf("refused %s: %s %s", uri.getPath(), field, message);
        return respond(
                Problem.invalid(field + " " + message, List.of(new FieldError(field, message))),
                uri);
    }

    /**
     * A form body or URL whose percent-encoding cannot be decoded ({@code %zz}, a lone {@code %}):
     * Quarkus REST's decoder throws while reading the request, before any resource runs.
     */
    @ServerExceptionMapper
    public Response undecodable(IllegalArgumentException e, UriInfo uri, HttpHeaders headers) {
        if (!thrownByUrlDecoder(e)) {
            return unexpected(e, uri);
        }
        MediaType type = headers.getMediaType();
        boolean form =
                type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        String field = form ? "body" : "url";
        String message =
                form
                        ? "is not application/x-www-form-urlencoded: invalid percent-encoding"
                        : "has invalid percent-encoding";
        Log.debugf("refused %s: %s %s", uri.getPath(), field, message);
        return respond(
                Problem.invalid(field + " " + message, List.of(new FieldError(field, message))),
                uri);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return respond(
                Problem.of(
                        401,
                        "unauthenticated",
                        "Authentication required",
                        "a valid bearer token is required"),
                uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(
                Problem.of(403, "forbidden-role", "Forbidden", "your role may not do this"), uri);
    }

    @ServerExceptionMapper
    public Response httpError(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(unreadable, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "request to %s failed", uri.getPath());
        }
        String title =
                Response.Status.fromStatusCode(status) != null
                        ? Response.Status.fromStatusCode(status).getReasonPhrase()
                        : "HTTP " + status;
        String reason = title.toLowerCase().replace(' ', '-');
        return respond(Problem.of(status, reason, title, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        // Text PostgreSQL refused to store (e.g. a NUL that reached it by a way InputDefence does
        // not cover), however the failure was wrapped.
        if (SqlStates.has(e, SqlStates.UNSTORABLE_TEXT)) {
            // The transaction rolled back, so nothing was written; the request is at fault.
            Log.infof("refused %s: the database cannot store its text", uri.getPath());
            String message = "contains text the database cannot store (such as NUL)";
            return respond(
                    Problem.invalid(
                            "request " + message, List.of(new FieldError("request", message))),
                    uri);
        }
        Log.errorf(e, "unexpected failure serving %s", uri.getPath());
        return respond(
                Problem.of(
                        500,
                        "internal-error",
                        "Internal error",
                        "the request failed unexpectedly; it has been logged"),
                uri);
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.at(uri.getPath()).bounded())
                .build();
    }

    private static boolean thrownByUrlDecoder(IllegalArgumentException e) {
        StackTraceElement[] frames = e.getStackTrace();
        return frames.length > 0 && frames[0].getClassName().equals(URL_DECODER);
    }

    /**
     * "create.request.title" (method, parameter, property) → "title"; a list's element
     * "create.request.ids[0].&lt;list element&gt;" → "ids[0]".
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}
