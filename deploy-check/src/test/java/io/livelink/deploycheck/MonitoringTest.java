package io.livelink.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Dashboards, alert rules and traces as code: the alert rules are valid for Prometheus's own
 * promtool and do what their unit tests say, compose and Kubernetes carry the same rules and every
 * dashboard, both scrape every service, and both send the services' traces to a collector. (That
 * each metric they name is exported is checked by each service's OperatorMetricsTest.)
 */
class MonitoringTest {

    static final List<String> RENDERINGS = RenderedManifests.ALL;

    private static final String COMPOSE_RULES = "deploy/compose/prometheus/livelink-rules.yml";
    private static final String RULE_TESTS = "deploy/compose/prometheus/livelink-rules.test.yml";
    private static final String PROMETHEUS_RULE = "deploy/base/monitoring/prometheus-rule.yaml";
    private static final Path DASHBOARDS = Checkout.path("deploy/base/monitoring/dashboards");
    private static final String COLLECTOR = "http://otel-collector:4317";
    private static final JsonNode COMPOSE =
            StrictManifestReader.tree(Checkout.read("docker-compose.yml"));

    /** Path or name of promtool; {@code PROMTOOL} in the environment overrides it. */
    private static final String PROMTOOL = System.getenv().getOrDefault("PROMTOOL", "promtool");

    @Test
    void composeAndKubernetesAlertOnTheSameRules() {
        JsonNode compose = StrictManifestReader.tree(Checkout.read(COMPOSE_RULES)).path("groups");
        JsonNode kubernetes =
                StrictManifestReader.tree(Checkout.read(PROMETHEUS_RULE))
                        .path("spec")
                        .path("groups");

        assertThat(compose.isArray() && !compose.isEmpty()).isTrue();
        assertThat(kubernetes).isEqualTo(compose);
    }

    @ParameterizedTest
    @FieldSource("RENDERINGS")
    void everyRenderingCarriesTheRulesAndScrapesEveryService(String kustomization) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        assertThat(rendered.all(PrometheusRule.class)).singleElement();
        PodMonitor monitor = rendered.all(PodMonitor.class).get(0);

        assertThat(monitor.getSpec().getSelector().getMatchExpressions())
                .singleElement()
                .satisfies(
                        selects -> {
                            assertThat(selects.getKey()).isEqualTo("app.kubernetes.io/name");
                            assertThat(selects.getValues())
                                    .containsExactlyInAnyOrderElementsOf(Checkout.serviceModules());
                        });
        assertThat(monitor.getSpec().getPodMetricsEndpoints())
                .singleElement()
                .satisfies(
                        endpoint -> {
                            assertThat(endpoint.getPort()).isEqualTo("http");
                            assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
                        });
        for (String service : Checkout.serviceModules()) {
            assertThat(
                            rendered.deployment(service)
                                    .getSpec()
                                    .getTemplate()
                                    .getSpec()
                                    .getContainers()
                                    .get(0)
                                    .getPorts())
                    .as("%s has the port the PodMonitor scrapes", service)
                    .anySatisfy(port -> assertThat(port.getName()).isEqualTo("http"));
        }
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        assertThat(promtool("check", "rules", Checkout.path(COMPOSE_RULES).toString()))
                .contains("SUCCESS");
        assertThat(promtool("test", "rules", Checkout.path(RULE_TESTS).toString()))
                .contains("SUCCESS");
    }

    @ParameterizedTest
    @FieldSource("RENDERINGS")
    void everyDashboardIsProvisionedInKubernetes(String kustomization) throws IOException {
        ConfigMap dashboards =
                RenderedManifests.of(kustomization)
                        .named(ConfigMap.class, "livelink-grafana-dashboards");

        assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboards.getData().keySet())
                .containsExactlyInAnyOrderElementsOf(dashboardFiles());
    }

    @Test
    void everyServiceHasADashboardWithItsOwnUidOnAChosenPrometheus() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> uids = new HashSet<>();
        for (String service : Checkout.serviceModules()) {
            JsonNode dashboard =
                    json.readTree(Files.readString(DASHBOARDS.resolve(service + ".json")));
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid").isTrue();
            assertThat(dashboard.at("/templating/list/0/type").asText()).isEqualTo("datasource");
            dashboard
                    .path("panels")
                    .forEach(
                            panel -> {
                                if (!panel.path("type").asText().equals("row")) {
                                    assertThat(panel.at("/datasource/uid").asText())
                                            .as("%s: %s", service, panel.path("title").asText())
                                            .isEqualTo("${datasource}");
                                }
                            });
        }
        assertThat(dashboardFiles()).hasSameSizeAs(Checkout.serviceModules());
    }

    @Test
    void composeProvisionsTheDashboardsAndScrapesEveryService() {
        assertThat(texts(COMPOSE.at("/services/grafana/volumes")))
                .contains("./deploy/base/monitoring/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(texts(COMPOSE.at("/services/prometheus/volumes")))
                .contains(
                        "./deploy/compose/prometheus/livelink-rules.yml:/etc/prometheus/livelink-rules.yml:ro");
        JsonNode prometheus =
                StrictManifestReader.tree(
                        Checkout.read("deploy/compose/prometheus/prometheus.yml"));
        assertThat(texts(prometheus.at("/scrape_configs/0/static_configs/0/targets")))
                .containsExactlyInAnyOrderElementsOf(
                        Checkout.serviceModules().stream()
                                .map(service -> service + ":" + Checkout.httpPort(service))
                                .toList());
        assertThat(prometheus.at("/scrape_configs/0/metrics_path").asText())
                .isEqualTo("/q/metrics");
    }

    @Test
    void servicesSendTracesToTheCollectorInComposeAndKubernetes() {
        for (String service : Checkout.serviceModules()) {
            JsonNode environment = COMPOSE.path("services").path(service).path("environment");
            assertThat(environment.path("QUARKUS_OTEL_SDK_DISABLED").asText()).isEqualTo("false");
            assertThat(environment.path("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").asText())
                    .isEqualTo(COLLECTOR);
            for (String kustomization : RENDERINGS) {
                assertThat(RenderedManifests.of(kustomization).configOf(service).getData())
                        .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
                        .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", COLLECTOR);
            }
        }
        assertThat(COMPOSE.path("services").has("otel-collector")).isTrue();
        for (String kustomization : RENDERINGS) {
            Service collector =
                    RenderedManifests.of(kustomization).named(Service.class, "otel-collector");
            assertThat(collector.getSpec().getPorts())
                    .anySatisfy(port -> assertThat(port.getPort()).isEqualTo(4317));
        }
    }

    private static List<String> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json"))
                    .toList();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String promtool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(PROMTOOL));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot run '"
                            + PROMTOOL
                            + "': deploy-check validates the alert rules with Prometheus's promtool"
                            + " (Debian: apt-get install prometheus; .ci/run installs it), or set"
                            + " PROMTOOL",
                    e);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", arguments) + " hung");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("promtool %s:%n%s", String.join(" ", arguments), output)
                .isZero();
        return output;
    }
}
