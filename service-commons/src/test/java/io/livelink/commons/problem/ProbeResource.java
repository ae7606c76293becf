package io.livelink.commons.problem;

import io.livelink.commons.outbox.OutboxProbe;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.refusal.Refused;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * A resource of the test application that fails in each way a LiveLink resource can, so the problem
 * mappers and the input defence are tested over real HTTP.
 */
@Path("/probe")
@PermitAll
public class ProbeResource {

    private final OutboxProbe outbox;

    public ProbeResource(OutboxProbe outbox) {
        this.outbox = outbox;
    }

    public record Item(
            @NotBlank @Size(max = 10) String name,
            @Size(max = 3) List<@NotBlank String> tags,
            Integer count) {}

    /** A response Jackson cannot write. */
    public record Unwritable(String name) {
        public String getBroken() {
            throw new IllegalStateException("cannot be written");
        }
    }

    @POST
    @Path("/items")
    public Map<String, Object> create(@Valid @NotNull Item item) {
        return Map.of("name", item.name());
    }

    @POST
    @Path("/single")
    public Map<String, Object> single(@Valid @NotNull Single single) {
        return Map.of("value", single.value());
    }

    /** One string component: what Quarkus REST builds from a text/plain body if let through. */
    public record Single(String value) {}

    @GET
    @Path("/refused")
    public String refused() {
        throw Refused.notAllowed("probe-refused", "the probe refuses");
    }

    @GET
    @Path("/missing")
    public String missing(@QueryParam("id") String id) {
        throw new NotFound("thing", id);
    }

    @POST
    @Path("/missing")
    public String missingFromBody(Item item) {
        throw new NotFound("thing", item.name());
    }

    @GET
    @Path("/echo")
    public Map<String, String> echo(@QueryParam("q") String q) {
        return Map.of("q", q == null ? "" : q);
    }

    public enum Kind {
        LIVE,
        REPLAY
    }

    @GET
    @Path("/typed/{kind}")
    public Map<String, Object> typed(
            @jakarta.ws.rs.PathParam("kind") Kind kind,
            @QueryParam("page") @jakarta.ws.rs.DefaultValue("0") int page,
            @QueryParam("at") java.time.Instant at,
            @QueryParam("open") Boolean open) {
        return Map.of("kind", kind, "page", page);
    }

    @POST
    @Path("/form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Map<String, String> form(@FormParam("name") String name) {
        return Map.of("name", name == null ? "" : name);
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("secret internals");
    }

    @GET
    @Path("/unwritable")
    public Unwritable unwritable() {
        return new Unwritable("x");
    }

    /** Text with a NUL that reaches PostgreSQL by a way the input defence does not see. */
    @POST
    @Path("/store-nul")
    public String storeNul() {
        outbox.storeRaw("probe", "key", "a\u0000b");
        return "stored";
    }
}
