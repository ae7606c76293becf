package io.livelink.commons.input;

import io.livelink.commons.problem.Problem;
import io.livelink.commons.refusal.FieldError;
import io.quarkus.logging.Log;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

/**
 * Refuses, before a resource method runs, request input no LiveLink service can use:
 *
 * <ul>
 *   <li>a path or query parameter, or a form field, that {@link TextRules} refuses (a NUL, a lone
 *       surrogate): 400 naming the parameter or field;
 *   <li>a path or query parameter that is not of its declared type (a number, a boolean, an
 *       instant, a date, a duration, one of an enum's constants): 400 naming it and saying what it
 *       must be, where JAX-RS would answer a bare 404;
 *   <li>a body for a method that takes JSON (it declares no other media type) sent as another media
 *       type, such as JSON labelled {@code text/plain}: 415 naming {@code Content-Type}.
 * </ul>
 *
 * The form is read before this filter ({@code readBody}), so nginx-rtmp's callbacks are covered
 * without their resources knowing. Form bodies that are not form-encoded at all never get this far:
 * {@link io.livelink.commons.problem.ProblemMappers} answers their decoding failure.
 */
public class InputDefence {

    private static final Set<Class<?>> CONTEXT_TYPES =
            Set.of(
                    UriInfo.class,
                    HttpHeaders.class,
                    Request.class,
                    SecurityContext.class,
                    ContainerRequestContext.class,
                    io.vertx.core.http.HttpServerRequest.class,
                    io.vertx.core.http.HttpServerResponse.class,
                    io.vertx.ext.web.RoutingContext.class);

    private final Map<Method, Boolean> takesJson = new ConcurrentHashMap<>();
    private final Map<Method, List<TypedParameter>> typedParameters = new ConcurrentHashMap<>();

    /** A path or query parameter whose declared type a raw value may fail to convert to. */
    private record TypedParameter(String name, boolean inPath, Class<?> type) {}

    @ServerRequestFilter(readBody = true)
    public Optional<Response> refuseUnusableInput(ResteasyReactiveContainerRequestContext request) {
        Problem refused = unusableParameter(request);
        if (refused == null) {
            refused = unconvertibleParameter(request);
        }
        if (refused == null) {
            refused = unusableMediaType(request);
        }
        if (refused == null) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getPath();
        Log.debugf("refused %s: %s", path, refused.detail());
        return Optional.of(
                Response.status(refused.status())
                        .type(Problem.MEDIA_TYPE)
                        .entity(refused.at(path).bounded())
                        .build());
    }

    private static Problem unusableParameter(ResteasyReactiveContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        Problem problem = firstUnusable(uri.getPathParameters());
        if (problem == null) {
            problem = firstUnusable(uri.getQueryParameters());
        }
        if (problem == null
                && request.getServerRequestContext() instanceof ResteasyReactiveRequestContext rr
                && rr.getFormData() != null) {
            problem = firstUnusable(rr.getFormData());
        }
        return problem;
    }

    private static Problem firstUnusable(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                String violation = TextRules.violation(value);
                if (violation != null) {
                    return invalid(parameter.getKey(), violation);
                }
            }
        }
        return null;
    }

    private static Problem firstUnusable(FormData form) {
        for (String name : form) {
            String nameViolation = TextRules.violation(name);
            if (nameViolation != null) {
                return invalid("body", "has a field name that " + nameViolation);
            }
            for (FormValue value : form.get(name)) {
                if (value.isFileItem()) {
                    continue;
                }
                String violation = TextRules.violation(value.getValue());
                if (violation != null) {
                    return invalid(name, violation);
                }
            }
        }
        return null;
    }

    private Problem unconvertibleParameter(ResteasyReactiveContainerRequestContext request) {
        ResteasyReactiveResourceInfo resource =
                request.getServerRequestContext().getResteasyReactiveResourceInfo();
        if (resource == null) {
            return null;
        }
        UriInfo uri = request.getUriInfo();
        for (TypedParameter parameter :
                typedParameters.computeIfAbsent(
                        resource.getMethod(), InputDefence::typedParameters)) {
            List<String> values =
                    parameter.inPath()
                            ? uri.getPathParameters().get(parameter.name())
                            : uri.getQueryParameters().get(parameter.name());
            for (String value : values == null ? List.<String>of() : values) {
                String mustBe = ParameterTypes.violation(parameter.type(), value);
                if (mustBe != null) {
                    return invalid(parameter.name(), mustBe);
                }
            }
        }
        return null;
    }

    private static List<TypedParameter> typedParameters(Method method) {
        List<TypedParameter> typed = new java.util.ArrayList<>();
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < types.length; i++) {
            if (!ParameterTypes.checked(types[i])) {
                continue;
            }
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof jakarta.ws.rs.QueryParam query) {
                    typed.add(new TypedParameter(query.value(), false, types[i]));
                } else if (annotation instanceof jakarta.ws.rs.PathParam path) {
                    typed.add(new TypedParameter(path.value(), true, types[i]));
                }
            }
        }
        return List.copyOf(typed);
    }

    private Problem unusableMediaType(ResteasyReactiveContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || isJson(type)) {
            return null;
        }
        ResteasyReactiveResourceInfo resource =
                request.getServerRequestContext().getResteasyReactiveResourceInfo();
        if (resource == null
                || !takesJson.computeIfAbsent(resource.getMethod(), m -> takesJson(resource))) {
            return null;
        }
        return Problem.of(
                415,
                "unsupported-media-type",
                "Unsupported media type",
                "Content-Type " + type + " is not accepted here; send application/json",
                List.of(new FieldError("Content-Type", "must be application/json")));
    }

    private static boolean isJson(MediaType type) {
        return type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || type.getSubtype().endsWith("+json");
    }

    /** Whether the method reads a JSON body: an entity parameter and no declared media type. */
    private static boolean takesJson(ResteasyReactiveResourceInfo resource) {
        Method method = resource.getMethod();
        if (method.isAnnotationPresent(Consumes.class)
                || resource.getResourceClass().isAnnotationPresent(Consumes.class)) {
            return false;
        }
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < types.length; i++) {
            if (isEntity(types[i], annotations[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEntity(Class<?> type, Annotation[] annotations) {
        if (CONTEXT_TYPES.contains(type)) {
            return false;
        }
        for (Annotation annotation : annotations) {
            String annotationPackage = annotation.annotationType().getPackageName();
            if (annotationPackage.equals("jakarta.ws.rs")
                    || annotationPackage.equals("jakarta.ws.rs.core")
                    || annotationPackage.startsWith("org.jboss.resteasy.reactive")) {
                return false;
            }
        }
        return true;
    }

    private static Problem invalid(String field, String violation) {
        return Problem.invalid(field + " " + violation, List.of(new FieldError(field, violation)));
    }
}
