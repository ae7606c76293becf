package io.livelink.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.livelink.deploycheck.StrictManifestReader.Manifest;
import io.livelink.events.Topics;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka, its topics, PostgreSQL, Secrets and namespaces as the base and the overlays render them,
 * and what the prod overlay changes.
 */
class PlatformManifestsTest {

    static final List<String> RENDERINGS = RenderedManifests.ALL;

    private static final String CLUSTER_LABEL = "strimzi.io/cluster";

    @ParameterizedTest
    @FieldSource("RENDERINGS")
    void everyObjectIsAKnownKindReadStrictlyAndNamedOncePerKind(String kustomization) {
        List<Manifest> manifests = RenderedManifests.of(kustomization).manifests();

        assertThat(manifests).isNotEmpty();
        assertThat(manifests.stream().map(m -> m.kind() + "/" + m.name())).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @FieldSource("RENDERINGS")
    void everyServiceHasDeploymentServiceAutoscalerDisruptionBudgetAndNetworkPolicy(
            String kustomization) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);

        for (String service : Checkout.serviceModules()) {
            for (Class<? extends HasMetadata> kind :
                    List.of(
                            Deployment.class,
                            Service.class,
                            HorizontalPodAutoscaler.class,
                            PodDisruptionBudget.class,
                            NetworkPolicy.class)) {
                assertThat(rendered.find(kind, service))
                        .as("%s %s in %s", kind.getSimpleName(), service, kustomization)
                        .isPresent();
            }
            assertThat(rendered.configOf(service)).isNotNull();
        }
        // The services, the console, and the OpenTelemetry collector the services send traces
        // to; nothing else.
        assertThat(rendered.all(Deployment.class)).hasSize(Checkout.imageModules().size() + 1);
        assertThat(rendered.find(Deployment.class, Checkout.CONSOLE)).isPresent();
        assertThat(rendered.find(Deployment.class, "otel-collector")).isPresent();
    }

    private static int brokers(RenderedManifests rendered) {
        return pools(rendered).stream()
                .filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(pool -> pool.getSpec().getReplicas())
                .sum();
    }

    private static List<KafkaNodePool> pools(RenderedManifests rendered) {
        String cluster = rendered.kafka().getMetadata().getName();
        return rendered.all(KafkaNodePool.class).stream()
                .filter(pool -> cluster.equals(pool.getMetadata().getLabels().get(CLUSTER_LABEL)))
                .toList();
    }

    private static int kafkaSetting(RenderedManifests rendered, String key) {
        Object value = rendered.kafka().getSpec().getKafka().getConfig().get(key);
        assertThat(value).as("Kafka config %s", key).isInstanceOf(Number.class);
        return ((Number) value).intValue();
    }

    @ParameterizedTest
    @FieldSource("RENDERINGS")
    void kafkaRunsInKraftModeOnNodePoolsWithTheTopicOperator(String kustomization) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        Kafka kafka = rendered.kafka();

        assertThat(rendered.all(KafkaNodePool.class))
                .as("every node pool belongs to the Kafka cluster")
                .hasSameSizeAs(pools(rendered));
        Set<ProcessRoles> roles =
                pools(rendered).stream()
                        .flatMap(pool -> pool.getSpec().getRoles().stream())
                        .collect(Collectors.toSet());
        assertThat(roles).contains(ProcessRoles.CONTROLLER, ProcessRoles.BROKER);
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator())
                .as("the topic operator turns KafkaTopic resources into topics")
                .isNotNull();
        assertThat(kafka.getSpec().getKafka().getConfig())
                .containsEntry("auto.create.topics.enable", false);
        int brokers = brokers(rendered);
        for (String replicationFactor :
                List.of(
                        "default.replication.factor",
                        "offsets.topic.replication.factor",
                        "transaction.state.log.replication.factor")) {
            assertThat(kafkaSetting(rendered, replicationFactor))
                    .as(replicationFactor)
                    .isBetween(1, brokers);
        }
        assertThat(kafkaSetting(rendered, "min.insync.replicas"))
                .isBetween(1, kafkaSetting(rendered, "default.replication.factor"));
    }

    @ParameterizedTest
    @FieldSource("RENDERINGS")
    void topicsAreExactlyLiveLinksWithPartitionsForScaleOut(String kustomization) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        String cluster = rendered.kafka().getMetadata().getName();
        int brokers = brokers(rendered);

        assertThat(rendered.all(KafkaTopic.class).stream().map(t -> t.getSpec().getTopicName()))
                .containsExactlyInAnyOrderElementsOf(liveLinkTopics());
        for (KafkaTopic topic : rendered.all(KafkaTopic.class)) {
            String name = topic.getSpec().getTopicName();
            assertThat(topic.getMetadata().getLabels()).containsEntry(CLUSTER_LABEL, cluster);
            assertThat(topic.getSpec().getPartitions())
                    .as("%s partitions", name)
                    .isGreaterThanOrEqualTo(12);
            assertThat(topic.getSpec().getReplicas()).as("%s replicas", name).isBetween(1, brokers);
            if (topic.getSpec().getReplicas() > 1) {
                // acks=all then waits for min.insync.replicas copies: fewer than all replicas, so
                // one broker may be down, and at least two, so an acknowledged write survives one.
                Object minInSync =
                        topic.getSpec().getConfig() == null
                                ? null
                                : topic.getSpec().getConfig().get("min.insync.replicas");
                int effective =
                        minInSync == null
                                ? kafkaSetting(rendered, "min.insync.replicas")
                                : ((Number) minInSync).intValue();
                assertThat(effective)
                        .as("%s min.insync.replicas", name)
                        .isBetween(2, topic.getSpec().getReplicas() - 1);
            }
        }
    }

    static List<String> liveLinkTopics() {
        return Stream.concat(Topics.ALL.stream(), Stream.of(Topics.DEAD_LETTER)).toList();
    }

    @ParameterizedTest
    @FieldSource("RENDERINGS")
    void postgresClusterCreatesTheLivelinkDatabaseOwnedByTheServicesRole(String kustomization) {
        CnpgCluster postgres = RenderedManifests.of(kustomization).postgres();

        assertThat(postgres.apiVersion()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(postgres.kind()).isEqualTo("Cluster");
        assertThat(postgres.spec().instances()).isPositive();
        assertThat(postgres.spec().imageName()).startsWith("ghcr.io/cloudnative-pg/postgresql:");
        assertThat(postgres.spec().storage().size()).isNotBlank();
        assertThat(Quantity.parse(postgres.spec().storage().size()).getNumericalAmount())
                .isGreaterThanOrEqualTo(Quantity.parse("1Gi").getNumericalAmount());
        CnpgCluster.InitDb initdb = postgres.spec().bootstrap().initdb();
        assertThat(initdb.database()).isEqualTo("livelink");
        assertThat(initdb.owner()).isEqualTo("livelink");
        assertThat(initdb.secret().getName()).isEqualTo(DeploySecrets.DB_CREDENTIALS);
    }

    private static Set<String> referencedSecrets(RenderedManifests rendered) {
        Set<String> names = new HashSet<>();
        for (Deployment deployment : rendered.all(Deployment.class)) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : pod.getContainers()) {
                container.getEnv().stream()
                        .filter(env -> env.getValueFrom() != null)
                        .map(env -> env.getValueFrom().getSecretKeyRef())
                        .filter(Objects::nonNull)
                        .forEach(ref -> names.add(ref.getName()));
                container.getEnvFrom().stream()
                        .filter(source -> source.getSecretRef() != null)
                        .forEach(source -> names.add(source.getSecretRef().getName()));
            }
            pod.getVolumes().stream()
                    .map(Volume::getSecret)
                    .filter(Objects::nonNull)
                    .forEach(secret -> names.add(secret.getSecretName()));
        }
        names.add(rendered.postgres().spec().bootstrap().initdb().secret().getName());
        return names;
    }

    @ParameterizedTest
    @FieldSource("RENDERINGS")
    void secretsAreReferencedByTheirDocumentedNames(String kustomization) {
        assertThat(referencedSecrets(RenderedManifests.of(kustomization)))
                .containsExactlyInAnyOrderElementsOf(DeploySecrets.ALL);
    }

    @ParameterizedTest
    @ValueSource(strings = {RenderedManifests.BASE, RenderedManifests.PROD})
    void baseAndProdCommitNoSecretValues(String kustomization) {
        assertThat(RenderedManifests.of(kustomization).all(Secret.class)).isEmpty();
    }

    @Test
    void devGeneratesEveryReferencedSecretAsAMarkedPlaceholder() {
        RenderedManifests dev = RenderedManifests.of(RenderedManifests.DEV);

        assertThat(dev.all(Secret.class).stream().map(s -> s.getMetadata().getName()))
                .containsExactlyInAnyOrderElementsOf(referencedSecrets(dev));
        assertThat(dev.all(Secret.class))
                .allSatisfy(
                        secret ->
                                assertThat(secret.getMetadata().getAnnotations())
                                        .containsEntry("livelink.io/dev-placeholder", "true"));
        Secret database = dev.named(Secret.class, DeploySecrets.DB_CREDENTIALS);
        assertThat(database.getType()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(database.getData()).containsOnlyKeys("username", "password");
        String keyLocation =
                dev.configOf(Checkout.serviceModules().get(0))
                        .getData()
                        .get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertThat(dev.named(Secret.class, DeploySecrets.JWT_PUBLIC_KEY).getData())
                .containsOnlyKeys(keyLocation.substring(keyLocation.lastIndexOf('/') + 1));
    }

    @Test
    void devPlaceholdersHoldEverySecretSettingInTheFormTheServicesAccept() {
        RenderedManifests dev = RenderedManifests.of(RenderedManifests.DEV);

        for (String service : Checkout.serviceModules()) {
            DeploySecrets.settingsOf(service)
                    .forEach(
                            (variable, setting) -> {
                                String encoded =
                                        dev.named(Secret.class, setting.secret())
                                                .getData()
                                                .get(setting.key());
                                assertThat(encoded)
                                        .as("%s: %s/%s", variable, setting.secret(), setting.key())
                                        .isNotNull();
                                // kustomize wraps long values; Kubernetes ignores the breaks
                                String value =
                                        new String(
                                                Base64.getMimeDecoder().decode(encoded),
                                                StandardCharsets.UTF_8);
                                assertThat(value).as(variable).isNotBlank();
                                if (setting.aes256Key()) {
                                    // otherwise the service refuses to start
                                    assertThat(Base64.getDecoder().decode(value.strip()))
                                            .as("%s: base64 of an AES-256 key", variable)
                                            .hasSize(32);
                                }
                            });
        }
    }

    @Test
    void deployReadmeNamesEverySecretAnOperatorCreates() {
        String readme = Checkout.read("deploy/README.md");

        assertThat(readme).contains(DeploySecrets.ALL);
    }

    @ParameterizedTest
    @ValueSource(strings = {RenderedManifests.DEV, RenderedManifests.PROD})
    void overlaysPutEverythingIntoTheirOwnNamespace(String kustomization) {
        RenderedManifests rendered = RenderedManifests.of(kustomization);
        List<Namespace> namespaces = rendered.all(Namespace.class);

        assertThat(namespaces).singleElement();
        String namespace = namespaces.get(0).getMetadata().getName();
        for (Manifest manifest : rendered.manifests()) {
            if (manifest.model() instanceof Namespace) {
                continue;
            }
            String actual =
                    manifest.model() instanceof HasMetadata object
                            ? object.getMetadata().getNamespace()
                            : ((CnpgCluster) manifest.model()).metadata().getNamespace();
            assertThat(actual).as("namespace of %s", manifest).isEqualTo(namespace);
        }
    }

    @Test
    void prodRunsMoreOfEverythingThanDev() {
        RenderedManifests dev = RenderedManifests.of(RenderedManifests.DEV);
        RenderedManifests prod = RenderedManifests.of(RenderedManifests.PROD);

        assertThat(brokers(prod)).isGreaterThanOrEqualTo(3);
        assertThat(
                        pools(prod).stream()
                                .filter(
                                        p ->
                                                p.getSpec()
                                                        .getRoles()
                                                        .contains(ProcessRoles.CONTROLLER))
                                .mapToInt(p -> p.getSpec().getReplicas())
                                .sum())
                .as("KRaft controllers: a majority of three survives one loss")
                .isGreaterThanOrEqualTo(3);
        assertThat(kafkaSetting(prod, "default.replication.factor")).isEqualTo(3);
        assertThat(prod.postgres().spec().instances()).isEqualTo(3);
        for (KafkaTopic topic : prod.all(KafkaTopic.class)) {
            String name = topic.getSpec().getTopicName();
            assertThat(topic.getSpec().getPartitions())
                    .as("%s partitions", name)
                    .isGreaterThan(
                            ServiceManifestsTest.topicNamed(dev, name).getSpec().getPartitions());
            assertThat(topic.getSpec().getReplicas()).isEqualTo(3);
        }
        for (String service : Checkout.serviceModules()) {
            var prodScaling = prod.named(HorizontalPodAutoscaler.class, service).getSpec();
            var devScaling = dev.named(HorizontalPodAutoscaler.class, service).getSpec();
            assertThat(prodScaling.getMinReplicas())
                    .as("%s: several instances, so one can go down", service)
                    .isGreaterThanOrEqualTo(2)
                    .isGreaterThan(devScaling.getMinReplicas());
            assertThat(prodScaling.getMaxReplicas()).isGreaterThan(devScaling.getMaxReplicas());
            assertThat(memoryLimit(prod, service)).isGreaterThan(memoryLimit(dev, service));
        }
    }

    private static java.math.BigDecimal memoryLimit(RenderedManifests rendered, String service) {
        return rendered.deployment(service)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getResources()
                .getLimits()
                .get("memory")
                .getNumericalAmount();
    }

    @Test
    void configMapsOfAllServicesAgreeOnTheSharedSettings() {
        for (String kustomization : RENDERINGS) {
            RenderedManifests rendered = RenderedManifests.of(kustomization);
            List<Map<String, String>> configs =
                    Checkout.serviceModules().stream()
                            .map(rendered::configOf)
                            .map(ConfigMap::getData)
                            .toList();
            for (String shared :
                    List.of(
                            "KAFKA_BOOTSTRAP_SERVERS",
                            "QUARKUS_DATASOURCE_JDBC_URL",
                            "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                            "MP_JWT_VERIFY_ISSUER",
                            "LIVELINK_LOG_JSON",
                            "QUARKUS_OTEL_SDK_DISABLED",
                            "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) {
                assertThat(configs.stream().map(config -> config.get(shared)).distinct())
                        .as("%s in %s", shared, kustomization)
                        .singleElement()
                        .isNotNull();
            }
        }
    }
}
