package io.livelink.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docker-compose.yml runs the same images, ports and configuration names as the Kubernetes
 * manifests, with the same Kafka and PostgreSQL releases, so the two ways to deploy stay in step.
 */
class ComposeFileTest {

    private static final JsonNode COMPOSE =
            StrictManifestReader.tree(Checkout.read("docker-compose.yml"));

    /** ${NAME}, ${NAME:-default}, ${NAME:?error}; $$ escapes a dollar for the container's shell. */
    private static final Pattern VARIABLE =
            Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    static List<String> services() {
        return Checkout.serviceModules();
    }

    private static JsonNode service(String name) {
        JsonNode service = COMPOSE.path("services").path(name);
        assertThat(service.isObject()).as("docker-compose.yml service %s", name).isTrue();
        return service;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static Container baseContainer(String service) {
        return RenderedManifests.of(RenderedManifests.BASE)
                .deployment(service)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
    }

    @Test
    void composeRunsKafkaTheTopicJobPostgresEveryServiceTheConsoleAndTheirMonitoring() {
        Set<String> expected =
                new HashSet<>(
                        List.of(
                                "kafka",
                                "kafka-topics",
                                "postgres",
                                "otel-collector",
                                "jaeger",
                                "prometheus",
                                "grafana",
                                Checkout.CONSOLE));
        expected.addAll(services());

        assertThat(fieldNames(COMPOSE.path("services")))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceRunsTheImageTheManifestsDeploy(String service) {
        assertThat(service(service).path("image").asText())
                .isEqualTo(
                        "livelink/"
                                + service
                                + ":${LIVELINK_VERSION:-"
                                + DeployVersions.IMAGE_TAG
                                + "}");
        assertThat(baseContainer(service).getImage())
                .isEqualTo("livelink/" + service + ":" + DeployVersions.IMAGE_TAG);
    }

    @ParameterizedTest
    @MethodSource("services")
    void servicePublishesItsOwnPortOnLoopbackAsTheLocalRunDoes(String service) {
        int port = Checkout.httpPort(service);

        assertThat(texts(service(service).path("ports")))
                .containsExactly("127.0.0.1:" + port + ":" + port);
        assertThat(baseContainer(service).getPorts().get(0).getContainerPort()).isEqualTo(port);
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceSetsTheSameVariablesAsItsKubernetesConfigMapAndSecrets(String service) {
        Set<String> kubernetes =
                new HashSet<>(
                        RenderedManifests.of(RenderedManifests.BASE)
                                .configOf(service)
                                .getData()
                                .keySet());
        baseContainer(service).getEnv().stream().map(EnvVar::getName).forEach(kubernetes::add);

        Set<String> compose = fieldNames(service(service).path("environment"));
        assertThat(compose).containsExactlyInAnyOrderElementsOf(kubernetes);
        assertThat(compose).isSubsetOf(ReadmeConfiguration.variables());
    }

    @ParameterizedTest
    @MethodSource("services")
    void jwtKeyIsMountedWhereKubernetesMountsIt(String service) {
        String location =
                service(service)
                        .path("environment")
                        .path("MP_JWT_VERIFY_PUBLICKEY_LOCATION")
                        .asText();

        assertThat(location)
                .isEqualTo(
                        RenderedManifests.of(RenderedManifests.BASE)
                                .configOf(service)
                                .getData()
                                .get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertThat(texts(service(service).path("volumes")))
                .containsExactly(
                        "${LIVELINK_JWT_PUBLIC_KEY_FILE:-./.livelink/keys/jwt-public.pem}:"
                                + location
                                + ":ro");
    }

    @ParameterizedTest
    @MethodSource("services")
    void healthCheckAsksReadinessOnTheServicePort(String service) {
        assertThat(texts(service(service).path("healthcheck").path("test")))
                .contains("http://127.0.0.1:" + Checkout.httpPort(service) + "/q/health/ready");
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceStartsOnceTheDatabaseIsHealthyAndTheTopicsExist(String service) {
        JsonNode dependsOn = service(service).path("depends_on");

        assertThat(dependsOn.path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(dependsOn.path("kafka-topics").path("condition").asText())
                .isEqualTo("service_completed_successfully");
        assertThat(
                        service("kafka-topics")
                                .path("depends_on")
                                .path("kafka")
                                .path("condition")
                                .asText())
                .isEqualTo("service_healthy");
        assertThat(service("kafka").path("healthcheck").path("test").isArray()).isTrue();
        assertThat(service("postgres").path("healthcheck").path("test").isArray()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("services")
    void databasePasswordComesFromEnvWithoutADefault(String service) {
        assertThat(
                        service(service)
                                .path("environment")
                                .path("QUARKUS_DATASOURCE_PASSWORD")
                                .asText())
                .startsWith("${LIVELINK_DB_PASSWORD:?");
        assertThat(service("postgres").path("environment").path("LIVELINK_DB_PASSWORD").asText())
                .startsWith("${LIVELINK_DB_PASSWORD:?");
        assertThat(service("postgres").path("environment").path("POSTGRES_PASSWORD").asText())
                .startsWith("${POSTGRES_SUPERUSER_PASSWORD:?");
    }

    @ParameterizedTest
    @MethodSource("services")
    void secretSettingsMustBeSetInEnvAndHaveNoDefault(String service) {
        JsonNode environment = service(service).path("environment");

        for (String variable : DeploySecrets.settingsOf(service).keySet()) {
            assertThat(environment.path(variable).asText())
                    .as("%s of %s", variable, service)
                    .startsWith("${" + variable + ":?");
        }
    }

    @Test
    void topicJobCreatesExactlyLiveLinksTopics() {
        JsonNode job = service("kafka-topics");

        assertThat(
                        Arrays.asList(
                                job.path("environment")
                                        .path("LIVELINK_TOPICS")
                                        .asText()
                                        .trim()
                                        .split("\\s+")))
                .containsExactlyInAnyOrderElementsOf(PlatformManifestsTest.liveLinkTopics());
        assertThat(String.join(" ", texts(job.path("command"))))
                .contains("for topic in $$LIVELINK_TOPICS")
                .contains("--create --if-not-exists")
                .contains("--partitions \"$$LIVELINK_TOPIC_PARTITIONS\"");
        assertThat(
                        service("kafka")
                                .path("environment")
                                .path("KAFKA_AUTO_CREATE_TOPICS_ENABLE")
                                .asText())
                .isEqualTo("false");
    }

    @Test
    void kafkaIsTheReleaseStrimziRunsAndKeepsItsDataInAVolume() {
        String version =
                RenderedManifests.of(RenderedManifests.BASE)
                        .kafka()
                        .getSpec()
                        .getKafka()
                        .getVersion();
        JsonNode kafka = service("kafka");

        assertThat(kafka.path("image").asText()).isEqualTo("apache/kafka:" + version);
        assertThat(service("kafka-topics").path("image").asText())
                .isEqualTo("apache/kafka:" + version);
        String logDirs = kafka.path("environment").path("KAFKA_LOG_DIRS").asText();
        assertThat(texts(kafka.path("volumes"))).contains("kafka-data:" + logDirs);
        assertThat(fieldNames(COMPOSE.path("volumes"))).contains("kafka-data");
    }

    @Test
    void postgresIsTheMajorReleaseCloudNativePgRunsAndKeepsItsDataInAVolume() {
        String cnpgImage =
                RenderedManifests.of(RenderedManifests.BASE).postgres().spec().imageName();
        String major = cnpgImage.substring(cnpgImage.lastIndexOf(':') + 1).split("\\.")[0];
        JsonNode postgres = service("postgres");

        assertThat(postgres.path("image").asText()).isEqualTo("postgres:" + major);
        // From PostgreSQL 18 on, the image keeps its data below /var/lib/postgresql/<major>/.
        assertThat(texts(postgres.path("volumes"))).contains("postgres-data:/var/lib/postgresql");
        assertThat(fieldNames(COMPOSE.path("volumes"))).contains("postgres-data");
    }

    @Test
    void postgresInitCreatesTheRoleAndDatabaseTheServicesUse() throws IOException {
        String initMount = "./deploy/compose/postgres-init:/docker-entrypoint-initdb.d:ro";
        assertThat(texts(service("postgres").path("volumes"))).contains(initMount);
        String sql = initScripts();

        for (String service : services()) {
            JsonNode environment = service(service).path("environment");
            String jdbcUrl = environment.path("QUARKUS_DATASOURCE_JDBC_URL").asText();
            String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
            String user = environment.path("QUARKUS_DATASOURCE_USERNAME").asText();
            assertThat(jdbcUrl).isEqualTo("jdbc:postgresql://postgres:5432/" + database);
            assertThat(sql)
                    .contains("\\getenv livelink_password LIVELINK_DB_PASSWORD")
                    .contains("CREATE ROLE " + user + " LOGIN PASSWORD :'livelink_password';")
                    .contains("CREATE DATABASE " + database + " OWNER " + user + ";");
        }
    }

    /** The SQL scripts PostgreSQL's entrypoint runs on an empty volume, in name order. */
    private static String initScripts() throws IOException {
        try (Stream<Path> files = Files.list(Checkout.path("deploy/compose/postgres-init"))) {
            List<Path> scripts = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
            StringBuilder sql = new StringBuilder();
            for (Path script : scripts) {
                sql.append(Files.readString(script));
            }
            return sql.toString();
        }
    }

    @Test
    void everyVariableTheComposeFileReadsIsDocumentedInEnvExample() {
        Set<String> used = new LinkedHashSet<>();
        for (String line : Checkout.read("docker-compose.yml").split("\n")) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            Matcher matcher = VARIABLE.matcher(line);
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }
        Set<String> documented = new LinkedHashSet<>();
        for (String line : Checkout.read(".env.example").split("\n")) {
            if (line.matches("[A-Z0-9_]+=.*")) {
                documented.add(line.substring(0, line.indexOf('=')));
            }
        }

        assertThat(used).isNotEmpty();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(used);
    }
}
