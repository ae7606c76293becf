package io.livelink.platform;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** The three services and the console, their modules and their default local ports. */
public enum LiveLinkService {
    LINK("link-service", 8081),
    PERMISSION("permission-service", 8082),
    ANALYTICS("analytics-service", 8083),
    /** The web console: the page and one origin for the three APIs above. */
    CONSOLE("console", 8084);

    /** The three services with an API, Kafka and a database; tests of the back end start these. */
    public static final Set<LiveLinkService> APIS = EnumSet.of(LINK, PERMISSION, ANALYTICS);

    private final String module;
    private final int defaultPort;

    LiveLinkService(String module, int defaultPort) {
        this.module = module;
        this.defaultPort = defaultPort;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The packaged Quarkus application inside a checkout. */
    public Path runnableJar(Path checkout) {
        return checkout.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
