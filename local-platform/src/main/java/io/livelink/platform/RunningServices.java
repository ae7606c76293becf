package io.livelink.platform;

import io.livelink.testsupport.InfrastructureEndpoints;
import io.livelink.testsupport.LocalJwtIssuer;
import io.livelink.testsupport.LocalLinkKeys;
import io.livelink.testsupport.LocalTrainingKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The three packaged services started against one Kafka broker and one PostgreSQL, and the console
 * in front of them when {@code ports} names it. Used by {@code ./livelink up} and by the end-to-end
 * tests, so both run the same way.
 */
public final class RunningServices implements AutoCloseable {

    private final List<ServiceProcess> processes;

    private RunningServices(List<ServiceProcess> processes) {
        this.processes = processes;
    }

    /**
     * Starts the services {@code ports} names one after the other (Flyway migrations and the 2
     * cores of a small machine go better that way) and waits until each is ready; {@code
     * extraEnvironment} (e.g. tracing) is added to every service's settings.
     */
    public static RunningServices start(
            Path checkout,
            Map<LiveLinkService, Integer> ports,
            InfrastructureEndpoints infrastructure,
            Path jwtPublicKey,
            LocalLinkKeys linkKeys,
            Path logDirectory,
            Map<String, String> extraEnvironment,
            Consumer<String> progress) {
        Map<LiveLinkService, Integer> actualPorts = new EnumMap<>(ports);
        List<ServiceProcess> started = new ArrayList<>();
        RunningServices running = new RunningServices(started);
        try {
            for (LiveLinkService service : actualPorts.keySet()) {
                for (int attempt = 1; ; attempt++) {
                    int port = actualPorts.get(service);
                    progress.accept("starting " + service.module() + " on port " + port);
                    Map<String, String> environment =
                            environmentFor(
                                    infrastructure,
                                    jwtPublicKey,
                                    linkKeys,
                                    actualPorts.get(LiveLinkService.LINK));
                    environment.putAll(extraEnvironment);
                    Map<String, String> serviceEnvironment =
                            service == LiveLinkService.CONSOLE
                                    ? withConsoleSettings(
                                            consoleEnvironment(actualPorts, jwtPublicKey),
                                            extraEnvironment)
                                    : environment;
                    ServiceProcess process =
                            ServiceProcess.start(
                                    service,
                                    service.module(),
                                    service.runnableJar(checkout),
                                    port,
                                    serviceEnvironment,
                                    logDirectory);
                    try {
                        process.awaitReady(Duration.ofSeconds(120));
                    } catch (PlatformException e) {
                        process.close();
                        if (attempt < 3 && portTakenMeanwhile(service, port, e)) {
                            int another = freePort();
                            progress.accept(
                                    service.module()
                                            + ": port "
                                            + port
                                            + " was taken since it was chosen; trying "
                                            + another);
                            actualPorts.put(service, another);
                            continue;
                        }
                        throw e;
                    }
                    started.add(process);
                    progress.accept(service.module() + " ready at " + process.baseUrl());
                    break;
                }
            }
            return running;
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
    }

    /**
     * A port chosen free (by {@link #freePort}) can be taken before the service listens on it, by
     * any process's outgoing connection; a service's own default port is the user's choice and is
     * never swapped for another.
     */
    static boolean portTakenMeanwhile(
            LiveLinkService service, int port, PlatformException failure) {
        return port != service.defaultPort()
                && failure.getMessage() != null
                && failure.getMessage().contains("seems to be in use by another process");
    }

    /** How every service process is configured: the shared broker, database and issuer key. */
    static Map<String, String> environmentFor(
            InfrastructureEndpoints infrastructure,
            Path jwtPublicKey,
            LocalLinkKeys linkKeys,
            int linkPort) {
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", infrastructure.jdbcUrl());
        environment.put("QUARKUS_DATASOURCE_USERNAME", infrastructure.dbUser());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", infrastructure.dbPassword());
        environment.put(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwtPublicKey.toAbsolutePath().toString());
        environment.put("LIVELINK_LOG_JSON", "false");
        environment.putAll(linkKeys.environment());
        environment.putAll(LocalTrainingKey.derivedFrom(linkKeys).environment());
        environment.put("LIVELINK_LINKS_PUBLIC_BASE_URL", "http://127.0.0.1:" + linkPort);

        return environment;
    }

    /**
     * The console forwards to the services on their ports and offers the development sign-in with
     * the local issuer's key; it needs neither Kafka nor the database.
     */
    /** The console's own settings among the extra ones (e.g. its OIDC issuer in a test). */
    private static Map<String, String> withConsoleSettings(
            Map<String, String> console, Map<String, String> extra) {
        extra.forEach(
                (name, value) -> {
                    if (name.startsWith("LIVELINK_CONSOLE_")) {
                        console.put(name, value);
                    }
                });
        return console;
    }

    static Map<String, String> consoleEnvironment(
            Map<LiveLinkService, Integer> ports, Path jwtPublicKey) {
        Map<String, String> environment = new HashMap<>();
        environment.put("LIVELINK_LOG_JSON", "false");
        environment.put(
                "LIVELINK_CONSOLE_API_LINK_URL",
                "http://127.0.0.1:" + ports.get(LiveLinkService.LINK));
        environment.put(
                "LIVELINK_CONSOLE_API_PERMISSION_URL",
                "http://127.0.0.1:" + ports.get(LiveLinkService.PERMISSION));
        environment.put(
                "LIVELINK_CONSOLE_API_ANALYTICS_URL",
                "http://127.0.0.1:" + ports.get(LiveLinkService.ANALYTICS));
        environment.put(
                "LIVELINK_CONSOLE_DEV_SIGN_IN_PRIVATE_KEY",
                LocalJwtIssuer.privateKeyBeside(jwtPublicKey.toAbsolutePath()).toString());
        return environment;
    }

    /** A port nothing listens on now: tests and benchmarks run beside a local {@code up}. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free local port", e);
        }
    }

    public static Map<LiveLinkService, Integer> defaultPorts() {
        Map<LiveLinkService, Integer> ports = new EnumMap<>(LiveLinkService.class);
        for (LiveLinkService service : LiveLinkService.values()) {
            ports.put(service, service.defaultPort());
        }
        return ports;
    }

    public String baseUrl(LiveLinkService service) {
        return processes.stream()
                .filter(p -> p.service() == service)
                .findFirst()
                .orElseThrow()
                .baseUrl();
    }

    /** What each service has logged in this run. */
    public Map<LiveLinkService, List<String>> logsOfThisRun() {
        Map<LiveLinkService, List<String>> logs = new EnumMap<>(LiveLinkService.class);
        processes.forEach(p -> logs.put(p.service(), p.logOfThisRun()));
        return logs;
    }

    /** Stops the services in reverse order of starting. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
