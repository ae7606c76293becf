package io.livelink.testsupport;

import java.util.Optional;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real Kafka broker and PostgreSQL every test of this JVM shares, chosen in this order and
 * logged: external ones named by {@code LIVELINK_KAFKA_BOOTSTRAP} / {@code LIVELINK_DB_URL} (with
 * {@code LIVELINK_DB_USER}, {@code LIVELINK_DB_PASSWORD}); Testcontainers when a Docker engine
 * answers; otherwise embedded in this process (KRaft broker, zonky PostgreSQL). Never a mock:
 * whatever is chosen is the real server.
 */
public final class RealInfrastructure {

    private static final Logger LOG = Logger.getLogger(RealInfrastructure.class);
    private static InfrastructureEndpoints shared;

    private RealInfrastructure() {}

    /** Started on first use, stopped when the JVM exits. */
    public static synchronized InfrastructureEndpoints shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static InfrastructureEndpoints start() {
        boolean docker = dockerAvailable();
        String kafka;
        String kafkaOrigin;
        Optional<String> externalKafka = env("LIVELINK_KAFKA_BOOTSTRAP");
        if (externalKafka.isPresent()) {
            kafka = externalKafka.get();
            kafkaOrigin = "external (LIVELINK_KAFKA_BOOTSTRAP)";
        } else if (docker) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.2.0");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            kafka = container.getBootstrapServers();
            kafkaOrigin = "Testcontainers";
        } else {
            EmbeddedKafkaServer broker = EmbeddedKafkaServer.startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
            kafka = broker.bootstrapServers();
            kafkaOrigin = "embedded KRaft broker";
        }

        String url;
        String user;
        String password;
        String dbOrigin;
        Optional<String> externalDb = env("LIVELINK_DB_URL");
        if (externalDb.isPresent()) {
            url = externalDb.get();
            user = env("LIVELINK_DB_USER").orElse(EmbeddedPostgresServer.USER);
            password = env("LIVELINK_DB_PASSWORD").orElse(EmbeddedPostgresServer.PASSWORD);
            dbOrigin = "external (LIVELINK_DB_URL)";
        } else if (docker) {
            PostgreSQLContainer container =
                    new PostgreSQLContainer("postgres:18")
                            .withDatabaseName(EmbeddedPostgresServer.DATABASE)
                            .withUsername(EmbeddedPostgresServer.USER)
                            .withPassword(EmbeddedPostgresServer.PASSWORD);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            url = container.getJdbcUrl();
            user = container.getUsername();
            password = container.getPassword();
            dbOrigin = "Testcontainers";
        } else {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            url = postgres.jdbcUrl();
            user = EmbeddedPostgresServer.USER;
            password = EmbeddedPostgresServer.PASSWORD;
            dbOrigin = "embedded PostgreSQL";
        }
        LOG.infof(
                "real infrastructure: Kafka %s from %s; PostgreSQL %s from %s",
                kafka, kafkaOrigin, url, dbOrigin);
        return new InfrastructureEndpoints(kafka, url, user, password, kafkaOrigin, dbOrigin);
    }

    private static boolean dockerAvailable() {
        // Asking Testcontainers without any engine configured logs an ERROR; look first.
        boolean configured =
                System.getenv("DOCKER_HOST") != null
                        || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                        || java.nio.file.Files.exists(
                                java.nio.file.Path.of(
                                        System.getProperty("user.home"),
                                        ".testcontainers.properties"));
        if (!configured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable noDocker) {
            return false;
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
