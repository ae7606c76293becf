package io.livelink.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The console runs in compose and Kubernetes as the local run starts it: on its own port, in front
 * of the three services it forwards to, and (in Kubernetes) behind one Ingress host with the
 * viewers' paths of link-service.
 */
class ConsoleDeploymentTest {

    static final List<String> RENDERINGS = RenderedManifests.ALL;

    private static final String CONSOLE = Checkout.CONSOLE;

    /** The paths of link-service that viewers and players open, published beside the console. */
    private static final Set<String> VIEWER_PATHS =
            Set.of("/s", "/e", "/mp", "/play", "/player", "/sessions", "/qr.png");

    private static final JsonNode COMPOSE =
            StrictManifestReader.tree(Checkout.read("docker-compose.yml"));

    /** LIVELINK_CONSOLE_API_*_URL for each service, by the service it must name. */
    private static Map<String, String> apiUrlVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String service : Checkout.serviceModules()) {
            String api = service.substring(0, service.indexOf("-service")).toUpperCase();
            variables.put(service, "LIVELINK_CONSOLE_API_" + api + "_URL");
        }
        return variables;
    }

    @Test
    void composeRunsTheConsoleImageOnItsPortInFrontOfTheServices() {
        JsonNode console = COMPOSE.path("services").path(CONSOLE);
        int port = Checkout.httpPort(CONSOLE);

        assertThat(console.path("image").asText())
                .isEqualTo(
                        "livelink/console:${LIVELINK_VERSION:-" + DeployVersions.IMAGE_TAG + "}");
        assertThat(console.path("ports").get(0).asText())
                .isEqualTo("127.0.0.1:" + port + ":" + port);
        apiUrlVariables()
                .forEach(
                        (service, variable) -> {
                            assertThat(console.path("environment").path(variable).asText())
                                    .as(variable)
                                    .isEqualTo(
                                            "http://" + service + ":" + Checkout.httpPort(service));
                            assertThat(
                                            console.path("depends_on")
                                                    .path(service)
                                                    .path("condition")
                                                    .asText())
                                    .isEqualTo("service_healthy");
                        });
        assertThat(console.path("healthcheck").path("test").toString())
                .contains("http://127.0.0.1:" + port + "/q/health/ready");
    }

    @ParameterizedTest
    @FieldSource("RENDERINGS")
    void theConsoleForwardsToTheServicesRenderedBesideIt(String kustomization) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        Map<String, String> config = rendered.configOf(CONSOLE).getData();

        apiUrlVariables()
                .forEach(
                        (service, variable) -> {
                            Service target = rendered.named(Service.class, service);
                            assertThat(config.get(variable))
                                    .as(variable)
                                    .isEqualTo(
                                            "http://"
                                                    + target.getMetadata().getName()
                                                    + ":"
                                                    + target.getSpec().getPorts().get(0).getPort());
                        });
        assertThat(config)
                .as("no development sign-in in a cluster")
                .doesNotContainKey("LIVELINK_CONSOLE_DEV_SIGN_IN_PRIVATE_KEY");
        Container container =
                rendered.deployment(CONSOLE)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);
        assertThat(container.getImage()).startsWith("livelink/console:");
        assertThat(container.getPorts().get(0).getContainerPort())
                .isEqualTo(Checkout.httpPort(CONSOLE));
        assertThat(container.getReadinessProbe().getHttpGet().getPath())
                .isEqualTo("/q/health/ready");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(rendered.named(HorizontalPodAutoscaler.class, CONSOLE)).isNotNull();
        assertThat(rendered.named(PodDisruptionBudget.class, CONSOLE)).isNotNull();
    }

    @ParameterizedTest
    @FieldSource("RENDERINGS")
    void theConsoleMayReachOnlyTheThreeServicesAndDns(String kustomization) {
        NetworkPolicy policy =
                RenderedManifests.of(kustomization).named(NetworkPolicy.class, CONSOLE);
        Set<String> reached = new TreeSet<>();
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            var peer = rule.getTo().get(0);
            if (peer.getNamespaceSelector() != null) {
                assertThat(peer.getPodSelector().getMatchLabels())
                        .containsEntry("k8s-app", "kube-dns");
                continue;
            }
            String service = peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name");
            assertThat(rule.getPorts().get(0).getPort().getIntVal())
                    .as(service)
                    .isEqualTo(Checkout.httpPort(service));
            reached.add(service);
        }
        assertThat(reached).containsExactlyInAnyOrderElementsOf(Checkout.serviceModules());
        assertThat(policy.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal())
                .isEqualTo(Checkout.httpPort(CONSOLE));
    }

    @ParameterizedTest
    @FieldSource("RENDERINGS")
    void oneHostServesTheConsoleItsApisAndTheViewersLinks(String kustomization) {
        List<Ingress> ingresses = RenderedManifests.of(kustomization).all(Ingress.class);
        assertThat(ingresses).singleElement();
        var rules = ingresses.get(0).getSpec().getRules();
        assertThat(rules).singleElement();
        Map<String, String> backends = new LinkedHashMap<>();
        for (HTTPIngressPath path : rules.get(0).getHttp().getPaths()) {
            backends.put(path.getPath(), path.getBackend().getService().getName());
            assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
        }

        assertThat(backends).containsEntry("/", CONSOLE);
        VIEWER_PATHS.forEach(path -> assertThat(backends).containsEntry(path, "link-service"));
        assertThat(backends.keySet())
                .as("media-server callbacks stay inside the cluster")
                .noneMatch(path -> path.startsWith("/media"))
                .hasSize(VIEWER_PATHS.size() + 1);
    }

    @Test
    void prodServesItsHostOverTls() {
        Ingress ingress = RenderedManifests.of(RenderedManifests.PROD).all(Ingress.class).get(0);
        String host = ingress.getSpec().getRules().get(0).getHost();

        assertThat(host).isNotBlank();
        assertThat(ingress.getSpec().getTls())
                .singleElement()
                .satisfies(tls -> assertThat(tls.getHosts()).containsExactly(host));
        assertThat(RenderedManifests.of(RenderedManifests.PROD).configOf("link-service").getData())
                .containsEntry("LIVELINK_LINKS_PUBLIC_BASE_URL", "https://" + host);
    }
}
