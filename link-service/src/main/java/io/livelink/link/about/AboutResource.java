package io.livelink.link.about;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What this service is, without touching the database or Kafka: the cheapest request the service
 * answers, which the resolve benchmark uses as its baseline.
 */
@Path("/")
@Tag(name = "About")
@PermitAll
public class AboutResource {

    public record About(String service, String version) {}

    private final About about;

    public AboutResource(
            @ConfigProperty(name = "quarkus.application.name") String name,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.about = new About(name, version);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public About about() {
        return about;
    }
}
