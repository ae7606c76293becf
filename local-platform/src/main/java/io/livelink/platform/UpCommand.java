package io.livelink.platform;

import io.livelink.testsupport.EmbeddedKafkaServer;
import io.livelink.testsupport.EmbeddedPostgresServer;
import io.livelink.testsupport.InfrastructureEndpoints;
import io.livelink.testsupport.KafkaTopics;
import io.livelink.testsupport.LocalJwtIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "up",
        description = {
            "Starts Kafka (KRaft), PostgreSQL, the three services and the console, and stays in the"
                    + " foreground.",
            "Ctrl-C, or './livelink down' from another shell, stops everything."
        })
class UpCommand implements Callable<Integer> {

    static final String DEMO_TENANT = "demo";

    @Option(
            names = "--kafka-bootstrap",
            defaultValue = "${env:LIVELINK_KAFKA_BOOTSTRAP}",
            description = "use this Kafka instead of starting one (env LIVELINK_KAFKA_BOOTSTRAP)")
    String externalKafka;

    @Option(
            names = "--db-url",
            defaultValue = "${env:LIVELINK_DB_URL}",
            description =
                    "use this PostgreSQL JDBC URL instead of starting one (env LIVELINK_DB_URL)")
    String externalDbUrl;

    @Option(names = "--db-user", defaultValue = "${env:LIVELINK_DB_USER:-livelink}")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:LIVELINK_DB_PASSWORD:-livelink}")
    String dbPassword;

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description = "port of the local broker (default ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(
            names = "--media",
            defaultValue = "auto",
            description =
                    "start Debian's nginx with the RTMP module as the media server: auto (when"
                            + " installed), on, off (default ${DEFAULT-VALUE})")
    String media;

    @Option(
            names = "--rtmp-port",
            defaultValue = "1935",
            description = "port encoders publish RTMP to (default ${DEFAULT-VALUE})")
    int rtmpPort;

    @Option(
            names = "--media-http-port",
            defaultValue = "8090",
            description = "port the media server serves HLS on (default ${DEFAULT-VALUE})")
    int mediaHttpPort;

    @Option(
            names = "--db-port",
            defaultValue = "5432",
            description = "port of the local PostgreSQL (default ${DEFAULT-VALUE})")
    int dbPort;

    /** What was started, to be stopped in reverse order. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    @Override
    public Integer call() throws Exception {
        PlatformHome home = PlatformHome.current();
        home.runningLauncher()
                .ifPresent(
                        running -> {
                            throw new PlatformException(
                                    "LiveLink is already running (pid "
                                            + running.pid()
                                            + "); './livelink down' stops it");
                        });
        home.writePid();
        logInfrastructureTo(home);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stopEverything();
                                    home.removePid();
                                    stopped.countDown();
                                },
                                "livelink-shutdown"));
        try {
            LocalJwtIssuer issuer = LocalJwtIssuer.inDirectory(home.keys());
            InfrastructureEndpoints infrastructure = startInfrastructure(home);
            Map<LiveLinkService, Integer> ports = RunningServices.defaultPorts();
            NginxMediaServer mediaServer = startMediaServer(home, ports.get(LiveLinkService.LINK));
            RunningServices services =
                    RunningServices.start(
                            home.checkout(),
                            ports,
                            infrastructure,
                            issuer.publicKeyPem(),
                            io.livelink.testsupport.LocalLinkKeys.inDirectory(home.keys()),
                            home.logs(),
                            mediaServer == null ? Map.of() : mediaServer.linkServiceEnvironment(),
                            UpCommand::progress);
            started.push(services);
            progress(
                    "preparing demo tenant '"
                            + DEMO_TENANT
                            + "' (H5 and MINI_PROGRAM verified, member alice)");
            new DemoTenant(services.baseUrl(LiveLinkService.PERMISSION), issuer).seed();
            DemoStream demo = null;
            if (mediaServer != null) {
                progress("preparing the demo H5 stream");
                demo = DemoStream.prepare(services.baseUrl(LiveLinkService.LINK), issuer);
            }
            printWelcome(services, issuer, home, demo);
        } catch (RuntimeException | Error e) {
            System.err.println(
                    "livelink: "
                            + (e instanceof PlatformException ? e.getMessage() : e.toString()));
            System.err.println("livelink: logs are in " + home.logs());
            System.exit(1);
        }
        stopped.await();
        return 0;
    }

    private InfrastructureEndpoints startInfrastructure(PlatformHome home) {
        String kafka;
        String kafkaOrigin;
        if (externalKafka != null && !externalKafka.isBlank()) {
            kafka = externalKafka;
            kafkaOrigin = "external";
        } else {
            progress(
                    "starting Kafka (KRaft) on port "
                            + kafkaPort
                            + ", data in "
                            + home.kafkaData());
            EmbeddedKafkaServer broker =
                    EmbeddedKafkaServer.startPersistent(home.kafkaData(), kafkaPort);
            started.push(broker);
            kafka = broker.bootstrapServers();
            kafkaOrigin = "local";
        }
        progress("creating topics on " + kafka);
        KafkaTopics.ensure(kafka, 3);

        String jdbcUrl;
        String dbOrigin;
        if (externalDbUrl != null && !externalDbUrl.isBlank()) {
            jdbcUrl = externalDbUrl;
            dbOrigin = "external";
        } else {
            progress("starting PostgreSQL on port " + dbPort + ", data in " + home.postgresData());
            EmbeddedPostgresServer postgres =
                    EmbeddedPostgresServer.startPersistent(home.postgresData(), dbPort);
            started.push(postgres);
            jdbcUrl = postgres.jdbcUrl();
            dbUser = EmbeddedPostgresServer.USER;
            dbPassword = EmbeddedPostgresServer.PASSWORD;
            dbOrigin = "local";
        }
        return new InfrastructureEndpoints(
                kafka, jdbcUrl, dbUser, dbPassword, kafkaOrigin, dbOrigin);
    }

    /** nginx-rtmp for the demo, when asked for or (auto) when installed; null when not. */
    private NginxMediaServer startMediaServer(PlatformHome home, int linkPort) {
        boolean installed = NginxMediaServer.installed();
        switch (media) {
            case "off" -> {
                return null;
            }
            case "auto" -> {
                if (!installed) {
                    progress(
                            "no media server: nginx with the RTMP module is not installed"
                                    + " (Debian: apt-get install nginx-light libnginx-mod-rtmp)");
                    return null;
                }
            }
            case "on" -> {
                // start() says what is missing
            }
            default ->
                    throw new PlatformException(
                            "--media must be auto, on or off, not '" + media + "'");
        }
        progress(
                "starting nginx-rtmp: RTMP on port " + rtmpPort + ", HLS on port " + mediaHttpPort);
        NginxMediaServer server =
                NginxMediaServer.start(
                        home.state().resolve("nginx"),
                        rtmpPort,
                        mediaHttpPort,
                        "http://127.0.0.1:" + linkPort);
        started.push(server);
        return server;
    }

    private synchronized void stopEverything() {
        if (started.isEmpty()) {
            return;
        }
        progress("stopping LiveLink …");
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("livelink: while stopping: " + e);
            }
        }
        progress("LiveLink stopped");
    }

    private static void printWelcome(
            RunningServices services, LocalJwtIssuer issuer, PlatformHome home, DemoStream demo) {
        String token =
                issuer.mint(
                        "tenant-admin",
                        DEMO_TENANT,
                        "admin-of-" + DEMO_TENANT,
                        Duration.ofHours(12));
        StringBuilder out = new StringBuilder("\nLiveLink is up.\n\n");
        out.append("  Console             ")
                .append(services.baseUrl(LiveLinkService.CONSOLE))
                .append("/   (development sign-in: tenant '")
                .append(DEMO_TENANT)
                .append("', tenant admin or member alice)\n\n");
        for (LiveLinkService service : LiveLinkService.APIS) {
            String url = services.baseUrl(service);
            out.append(
                    String.format(
                            "  %-19s %s   Swagger UI: %s/q/swagger-ui%n",
                            service.module(), url, url));
        }
        out.append("\nA tenant-admin token for tenant '")
                .append(DEMO_TENANT)
                .append("' (12 h):\n\n  export TOKEN=")
                .append(token)
                .append("\n\nMore tokens: ./livelink token --role member --tenant ")
                .append(DEMO_TENANT)
                .append(" --member alice\n");
        if (demo != null) {
            out.append("\nA demo H5 stream: publish a test pattern to it with\n\n  ")
                    .append(demo.ffmpegCommand())
                    .append("\n\nand watch it in a browser: ")
                    .append(demo.watchUrl())
                    .append('\n');
        }
        out.append("Logs: ")
                .append(home.logs())
                .append("\nCtrl-C (or ./livelink down) stops everything.\n");
        System.out.println(out);
    }

    /** Kafka's storage formatting prints to standard output; keep the terminal for progress. */
    private static <T> T quietly(java.util.function.Supplier<T> action) {
        java.io.PrintStream terminal = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return action.get();
        } finally {
            System.setOut(terminal);
        }
    }

    static void progress(String message) {
        System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }

    /** Kafka and PostgreSQL run in this process; their logs go to a file, not the terminal. */
    private static void logInfrastructureTo(PlatformHome home) throws IOException {
        Files.createDirectories(home.logs());
        System.setProperty(
                "java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$-7s [%3$s] %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        FileHandler file = new FileHandler(home.logs().resolve("platform.log").toString(), true);
        file.setFormatter(new SimpleFormatter());
        root.addHandler(file);
        root.setLevel(java.util.logging.Level.INFO);
        Logger.getLogger("org.apache.kafka").setLevel(java.util.logging.Level.WARNING);
        Logger.getLogger("kafka").setLevel(java.util.logging.Level.WARNING);
    }
}
