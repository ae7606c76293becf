package io.livelink.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules every LiveLink service's Kubernetes objects follow, checked in the base and in every
 * overlay as kustomize renders them.
 */
class ServiceManifestsTest {

    /** The user of the service images (USER in src/main/docker/Dockerfile.jvm). */
    static final long IMAGE_USER = 185;

    static Stream<Arguments> servicesInEveryRendering() {
        return RenderedManifests.ALL.stream()
                .flatMap(
                        kustomization ->
                                Checkout.serviceModules().stream()
                                        .map(service -> Arguments.of(kustomization, service)));
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers)
                .as("containers of %s", deployment.getMetadata().getName())
                .hasSize(1);
        return containers.get(0);
    }

    private static ContainerPort httpPort(Container container) {
        return container.getPorts().stream()
                .filter(port -> "http".equals(port.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " names no port http"));
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void containerListensOnTheServicesOwnPort(String kustomization, String service) {
        Container container = container(RenderedManifests.of(kustomization).deployment(service));

        assertThat(httpPort(container).getContainerPort()).isEqualTo(Checkout.httpPort(service));
        assertThat(httpPort(container).getProtocol()).isEqualTo("TCP");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void probesAskQuarkusHealthOnTheHttpPort(String kustomization, String service) {
        Container container = container(RenderedManifests.of(kustomization).deployment(service));

        assertProbe(container.getReadinessProbe(), "/q/health/ready", container);
        assertProbe(container.getLivenessProbe(), "/q/health/live", container);
        assertProbe(container.getStartupProbe(), "/q/health/started", container);
        // Liveness starts only after the startup probe passed: give the start room enough for
        // Flyway and Kafka (at least two minutes).
        Probe startup = container.getStartupProbe();
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
                .isGreaterThanOrEqualTo(120);
    }

    private static void assertProbe(Probe probe, String path, Container container) {
        assertThat(probe).as("%s probe %s", container.getName(), path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        IntOrString port = probe.getHttpGet().getPort();
        if (port.getStrVal() != null) {
            assertThat(port.getStrVal()).isEqualTo(httpPort(container).getName());
        } else {
            assertThat(port.getIntVal()).isEqualTo(httpPort(container).getContainerPort());
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void containerRequestsAndLimitsCpuAndMemory(String kustomization, String service) {
        var resources =
                container(RenderedManifests.of(kustomization).deployment(service)).getResources();

        for (String resource : List.of("cpu", "memory")) {
            Quantity request = resources.getRequests().get(resource);
            Quantity limit = resources.getLimits().get(resource);
            assertThat(request).as("%s request", resource).isNotNull();
            assertThat(limit).as("%s limit", resource).isNotNull();
            assertThat(limit.getNumericalAmount())
                    .as("%s limit is at least the request", resource)
                    .isGreaterThanOrEqualTo(request.getNumericalAmount());
        }
        // The JVM takes 75 % of the memory limit for its heap; below 512 MiB that leaves too
        // little for a Quarkus service with Kafka clients.
        assertThat(resources.getLimits().get("memory").getNumericalAmount())
                .isGreaterThanOrEqualTo(Quantity.parse("512Mi").getNumericalAmount());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void podRunsAsTheImagesNonRootUserWithoutPrivileges(String kustomization, String service) {
        Deployment deployment = RenderedManifests.of(kustomization).deployment(service);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        PodSecurityContext podSecurity = pod.getSecurityContext();
        SecurityContext containerSecurity = container(deployment).getSecurityContext();

        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isEqualTo(IMAGE_USER);
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(containerSecurity.getRunAsNonRoot()).isTrue();
        assertThat(containerSecurity.getAllowPrivilegeEscalation()).isFalse();
        assertThat(containerSecurity.getReadOnlyRootFilesystem()).isTrue();
        assertThat(containerSecurity.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(containerSecurity.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void tmpIsAWritableEmptyDirBesideTheReadOnlyRoot(String kustomization, String service) {
        Deployment deployment = RenderedManifests.of(kustomization).deployment(service);
        VolumeMount tmp =
                container(deployment).getVolumeMounts().stream()
                        .filter(mount -> mount.getMountPath().equals("/tmp"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(service + " mounts nothing on /tmp"));
        Volume volume = volume(deployment, tmp.getName());

        assertThat(volume.getEmptyDir()).as("/tmp volume").isNotNull();
        assertThat(tmp.getReadOnly()).isNotEqualTo(Boolean.TRUE);
    }

    private static Volume volume(Deployment deployment, String name) {
        return deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(volume -> volume.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void imageIsLivelinkSlashServiceWithATag(String kustomization, String service) {
        String image =
                container(RenderedManifests.of(kustomization).deployment(service)).getImage();

        assertThat(image)
                .matches("([a-z0-9.-]+(:[0-9]+)?/)*livelink/" + service + ":[\\w][\\w.-]*");
        if (kustomization.equals(RenderedManifests.BASE)) {
            assertThat(image).isEqualTo("livelink/" + service + ":" + DeployVersions.IMAGE_TAG);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void autoscalerOwnsTheReplicaCountWithinThePartitionsTheServiceConsumes(
            String kustomization, String service) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        Deployment deployment = rendered.deployment(service);
        HorizontalPodAutoscaler autoscaler = rendered.named(HorizontalPodAutoscaler.class, service);

        assertThat(deployment.getSpec().getReplicas())
                .as("a replicas field would reset the autoscaler's count on every apply")
                .isNull();
        assertThat(autoscaler.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
        assertThat(autoscaler.getSpec().getMinReplicas()).isPositive();
        assertThat(autoscaler.getSpec().getMaxReplicas())
                .isGreaterThanOrEqualTo(autoscaler.getSpec().getMinReplicas());
        assertThat(autoscaler.getSpec().getMetrics()).isNotEmpty();
        // One consumer group per service: a consumer beyond the partition count gets none.
        int consumersPerInstance = consumersPerInstance(rendered, service);
        for (String topic : Checkout.consumedTopics(service)) {
            assertThat(autoscaler.getSpec().getMaxReplicas() * consumersPerInstance)
                    .as(
                            "%s maxReplicas x %d consumers within the partitions of %s",
                            service, consumersPerInstance, topic)
                    .isLessThanOrEqualTo(topicNamed(rendered, topic).getSpec().getPartitions());
        }
    }

    /**
     * analytics-service runs several view-event consumers per instance; a deployment must say how
     * many rather than inherit the local default.
     */
    private static int consumersPerInstance(RenderedManifests rendered, String service) {
        if (!service.equals("analytics-service")) {
            return 1;
        }
        String consumers = rendered.configOf(service).getData().get("LIVELINK_ANALYTICS_CONSUMERS");
        assertThat(consumers).as("analytics-service's LIVELINK_ANALYTICS_CONSUMERS").isNotNull();
        return Integer.parseInt(consumers);
    }

    static KafkaTopic topicNamed(RenderedManifests rendered, String topicName) {
        return rendered.all(KafkaTopic.class).stream()
                .filter(topic -> topicName.equals(topic.getSpec().getTopicName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaTopic for " + topicName));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void serviceAndDisruptionBudgetSelectTheDeploymentsPods(String kustomization, String service) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        Deployment deployment = rendered.deployment(service);
        Service kubernetesService = rendered.named(Service.class, service);
        PodDisruptionBudget budget = rendered.named(PodDisruptionBudget.class, service);

        assertThat(podLabels(deployment))
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels())
                .containsAllEntriesOf(kubernetesService.getSpec().getSelector())
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(kubernetesService.getSpec().getPorts())
                .singleElement()
                .satisfies(
                        port -> {
                            assertThat(port.getPort()).isEqualTo(Checkout.httpPort(service));
                            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
                        });
        // Evictions proceed one at a time, even with a single replica.
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void networkPolicyAdmitsOnlyTheServicePort(String kustomization, String service) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        NetworkPolicy policy = rendered.named(NetworkPolicy.class, service);

        assertThat(podLabels(rendered.deployment(service)))
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes())
                .containsExactlyInAnyOrder("Ingress", "Egress");
        List<NetworkPolicyIngressRule> ingress = policy.getSpec().getIngress();
        assertThat(ingress).singleElement();
        assertThat(ingress.get(0).getPorts())
                .singleElement()
                .satisfies(
                        port -> {
                            assertThat(port.getPort().getIntVal())
                                    .isEqualTo(Checkout.httpPort(service));
                            assertThat(port.getProtocol()).isEqualTo("TCP");
                        });
    }

    /**
     * Services that POST to receivers tenants configure: permission-service its webhooks,
     * analytics-service its training reports to management platforms.
     */
    private static final Set<String> POSTS_TO_THE_INTERNET =
            Set.of("permission-service", "analytics-service");

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void networkPolicyLetsOutOnlyKafkaPostgresDnsTracesAndWebhooks(
            String kustomization, String service) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        NetworkPolicy policy = rendered.named(NetworkPolicy.class, service);
        String kafkaCluster = rendered.kafka().getMetadata().getName();
        String postgresCluster = rendered.postgres().metadata().getName();
        int kafkaPort = plainListener(rendered).getPort();

        List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
        assertThat(egress)
                .as("every egress rule names its ports (no allow-all)")
                .allSatisfy(rule -> assertThat(rule.getPorts()).isNotEmpty())
                .allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());
        List<String> expectedPorts =
                new java.util.ArrayList<>(
                        List.of("TCP/" + kafkaPort, "TCP/5432", "UDP/53", "TCP/53", "TCP/4317"));
        // Spans go to the collector only.
        assertThat(peersFor(egress, 4317))
                .singleElement()
                .satisfies(
                        peer ->
                                assertThat(peer.getPodSelector().getMatchLabels())
                                        .containsExactlyEntriesOf(
                                                Map.of(
                                                        "app.kubernetes.io/name",
                                                        "otel-collector")));
        if (POSTS_TO_THE_INTERNET.contains(service)) {
            // Webhook deliveries, training reports: HTTPS to public addresses only.
            expectedPorts.add("TCP/443");
            assertThat(peersFor(egress, 443))
                    .singleElement()
                    .satisfies(
                            peer -> {
                                assertThat(peer.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
                                assertThat(peer.getIpBlock().getExcept())
                                        .contains(
                                                "10.0.0.0/8",
                                                "172.16.0.0/12",
                                                "192.168.0.0/16",
                                                "169.254.0.0/16");
                            });
        }
        assertThat(egressPorts(egress)).containsExactlyInAnyOrderElementsOf(expectedPorts);
        assertThat(peersFor(egress, kafkaPort))
                .singleElement()
                .satisfies(
                        peer ->
                                assertThat(peer.getPodSelector().getMatchLabels())
                                        .containsEntry("strimzi.io/cluster", kafkaCluster)
                                        .containsEntry("strimzi.io/kind", "Kafka"));
        assertThat(peersFor(egress, 5432))
                .singleElement()
                .satisfies(
                        peer ->
                                assertThat(peer.getPodSelector().getMatchLabels())
                                        .containsExactlyEntriesOf(
                                                Map.of("cnpg.io/cluster", postgresCluster)));
        assertThat(peersFor(egress, 53))
                .singleElement()
                .satisfies(
                        peer ->
                                assertThat(peer.getPodSelector().getMatchLabels())
                                        .containsEntry("k8s-app", "kube-dns"));
    }

    private static Set<String> egressPorts(List<NetworkPolicyEgressRule> egress) {
        return egress.stream()
                .flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getProtocol() + "/" + port.getPort().getIntVal())
                .collect(Collectors.toSet());
    }

    private static List<NetworkPolicyPeer> peersFor(
            List<NetworkPolicyEgressRule> egress, int port) {
        return egress.stream()
                .filter(
                        rule ->
                                rule.getPorts().stream()
                                        .map(NetworkPolicyPort::getPort)
                                        .anyMatch(p -> p.getIntVal() == port))
                .flatMap(rule -> rule.getTo().stream())
                .toList();
    }

    static GenericKafkaListener plainListener(RenderedManifests rendered) {
        return rendered.kafka().getSpec().getKafka().getListeners().stream()
                .filter(listener -> !listener.isTls())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no plain Kafka listener"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void configurationNamesAreThoseOfTheReadmesConfigurationTable(
            String kustomization, String service) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        Container container = container(rendered.deployment(service));

        assertThat(rendered.configOf(service).getData().keySet())
                .isSubsetOf(ReadmeConfiguration.variables());
        assertThat(container.getEnv().stream().map(EnvVar::getName).toList())
                .isSubsetOf(ReadmeConfiguration.variables());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void kafkaAndDatabaseSettingsPointAtTheClustersRenderedBeside(
            String kustomization, String service) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        Map<String, String> config = rendered.configOf(service).getData();
        CnpgCluster postgres = rendered.postgres();

        // Strimzi names the bootstrap Service <cluster>-kafka-bootstrap; CloudNativePG names the
        // primary's Service <cluster>-rw.
        assertThat(config)
                .containsEntry(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        rendered.kafka().getMetadata().getName()
                                + "-kafka-bootstrap:"
                                + plainListener(rendered).getPort())
                .containsEntry(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "jdbc:postgresql://"
                                + postgres.metadata().getName()
                                + "-rw:5432/"
                                + postgres.spec().bootstrap().initdb().database());
        Container container = container(rendered.deployment(service));
        for (String variable :
                List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            EnvVar env =
                    container.getEnv().stream()
                            .filter(e -> e.getName().equals(variable))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(service + " lacks " + variable));
            assertThat(env.getValueFrom().getSecretKeyRef().getName())
                    .as("%s comes from the Secret the database owner is created with", variable)
                    .isEqualTo(postgres.spec().bootstrap().initdb().secret().getName());
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void jwtPublicKeyLocationIsAFileOfTheMountedSecret(String kustomization, String service) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        Deployment deployment = rendered.deployment(service);
        String location =
                rendered.configOf(service).getData().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        String directory = location.substring(0, location.lastIndexOf('/'));

        VolumeMount mount =
                container(deployment).getVolumeMounts().stream()
                        .filter(m -> m.getMountPath().equals(directory))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("nothing mounted on " + directory));
        assertThat(mount.getReadOnly()).isTrue();
        assertThat(volume(deployment, mount.getName()).getSecret().getSecretName())
                .isEqualTo(DeploySecrets.JWT_PUBLIC_KEY);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void secretSettingsComeFromTheirSecretsAndNothingElseDoes(
            String kustomization, String service) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        Container container = container(rendered.deployment(service));
        String databaseSecret = rendered.postgres().spec().bootstrap().initdb().secret().getName();

        // variable -> "secret/key", for every variable read from a Secret but the database's
        Map<String, String> fromSecrets =
                container.getEnv().stream()
                        .filter(env -> env.getValueFrom() != null)
                        .filter(env -> env.getValueFrom().getSecretKeyRef() != null)
                        .filter(
                                env ->
                                        !env.getValueFrom()
                                                .getSecretKeyRef()
                                                .getName()
                                                .equals(databaseSecret))
                        .collect(
                                Collectors.toMap(
                                        EnvVar::getName,
                                        env ->
                                                env.getValueFrom().getSecretKeyRef().getName()
                                                        + "/"
                                                        + env.getValueFrom()
                                                                .getSecretKeyRef()
                                                                .getKey()));
        Map<String, String> expected =
                DeploySecrets.settingsOf(service).entrySet().stream()
                        .collect(
                                Collectors.toMap(
                                        Map.Entry::getKey,
                                        e -> e.getValue().secret() + "/" + e.getValue().key()));

        assertThat(fromSecrets).isEqualTo(expected);
        assertThat(rendered.configOf(service).getData().keySet())
                .noneMatch(DeploySecrets.settingsOf(service)::containsKey);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEveryRendering")
    void configMapHoldsNoSecrets(String kustomization, String service) {
        ConfigMap config = RenderedManifests.of(kustomization).configOf(service);

        assertThat(config.getData().keySet())
                .noneMatch(key -> key.contains("PASSWORD") || key.contains("SECRET"));
    }
}
