package io.livelink.platform;

import java.nio.file.Path;

/** The three services, their modules and their default local ports. */
public enum LiveLinkService {
    LINK("link-service", 8081),
    PERMISSION("permission-service", 8082),
    ANALYTICS("analytics-service", 8083);

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
