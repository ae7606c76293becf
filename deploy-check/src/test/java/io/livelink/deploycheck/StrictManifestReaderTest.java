package io.livelink.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.JbodStorage;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.PersistentClaimStorage;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import org.junit.jupiter.api.Test;

/** The strict reader refuses what the API server or the operators would refuse or ignore. */
class StrictManifestReaderTest {

    private static StrictManifestReader.Manifest read(String yaml) {
        return StrictManifestReader.read(StrictManifestReader.tree(yaml), "test");
    }

    @Test
    void aWellFormedDeploymentIsReadIntoTheKubernetesModel() {
        var manifest =
                read(
                        """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: demo
                        spec:
                          selector:
                            matchLabels: {app: demo}
                          template:
                            metadata:
                              labels: {app: demo}
                            spec:
                              containers:
                                - name: demo
                                  image: livelink/demo:1
                                  resources:
                                    limits: {cpu: "1", memory: 768Mi}
                        """);

        assertThat(manifest.model()).isInstanceOf(Deployment.class);
        Deployment deployment = (Deployment) manifest.model();
        assertThat(
                        deployment
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getResources()
                                .getLimits()
                                .get("memory")
                                .toString())
                .isEqualTo("768Mi");
    }

    @Test
    void aMisspeltDeploymentFieldFailsNamingTheField() {
        assertThatThrownBy(
                        () ->
                                read(
                                        """
                                        apiVersion: apps/v1
                                        kind: Deployment
                                        metadata:
                                          name: demo
                                        spec:
                                          replica: 2
                                        """))
                .hasMessageContaining("Deployment demo")
                .hasMessageContaining("\"replica\"");
    }

    @Test
    void aMisspeltFieldDeepInAPodTemplateFails() {
        assertThatThrownBy(
                        () ->
                                read(
                                        """
                                        apiVersion: apps/v1
                                        kind: Deployment
                                        metadata:
                                          name: demo
                                        spec:
                                          template:
                                            spec:
                                              containers:
                                                - name: demo
                                                  readinessProbe:
                                                    httpGet: {pathh: /q/health/ready, port: 8081}
                                        """))
                .hasMessageContaining("\"pathh\"");
    }

    @Test
    void aMisspeltStrimziFieldFails() {
        assertThatThrownBy(
                        () ->
                                read(
                                        """
                                        apiVersion: kafka.strimzi.io/v1
                                        kind: KafkaTopic
                                        metadata:
                                          name: demo
                                        spec:
                                          partition: 12
                                        """))
                .hasMessageContaining("KafkaTopic demo")
                .hasMessageContaining("\"partition\"");
    }

    @Test
    void strimziStorageIsReadByItsType() {
        var manifest =
                read(
                        """
                        apiVersion: kafka.strimzi.io/v1
                        kind: KafkaNodePool
                        metadata:
                          name: pool
                        spec:
                          replicas: 1
                          roles: [controller, broker]
                          storage:
                            type: jbod
                            volumes:
                              - {id: 0, type: persistent-claim, size: 1Gi, kraftMetadata: shared}
                        """);

        KafkaNodePool pool = (KafkaNodePool) manifest.model();
        JbodStorage storage = (JbodStorage) pool.getSpec().getStorage();
        assertThat(((PersistentClaimStorage) storage.getVolumes().get(0)).getSize())
                .isEqualTo("1Gi");
    }

    @Test
    void aFieldOfAnOlderStrimziApiFails() {
        // kafka.strimzi.io/v1 moved replicas and storage to KafkaNodePool.
        assertThatThrownBy(
                        () ->
                                read(
                                        """
                                        apiVersion: kafka.strimzi.io/v1
                                        kind: Kafka
                                        metadata:
                                          name: demo
                                        spec:
                                          kafka:
                                            replicas: 3
                                        """))
                .hasMessageContaining("\"replicas\"");
        assertThat(StrictManifestReader.MODELS)
                .containsEntry("kafka.strimzi.io/v1 Kafka", Kafka.class);
    }

    @Test
    void aMisspeltCloudNativePgFieldFails() {
        assertThatThrownBy(
                        () ->
                                read(
                                        """
                                        apiVersion: postgresql.cnpg.io/v1
                                        kind: Cluster
                                        metadata:
                                          name: db
                                        spec:
                                          instances: 1
                                          storage: {sise: 1Gi}
                                        """))
                .hasMessageContaining("Cluster db")
                .hasMessageContaining("\"sise\"");
    }

    @Test
    void anApiVersionOutsideTheCheckedModelsFails() {
        assertThatThrownBy(
                        () ->
                                read(
                                        """
                                        apiVersion: autoscaling/v2beta2
                                        kind: HorizontalPodAutoscaler
                                        metadata:
                                          name: demo
                                        """))
                .hasMessageContaining("autoscaling/v2beta2 HorizontalPodAutoscaler");
    }

    @Test
    void aNumberWhereTheApiWantsAStringFails() {
        // ConfigMap data values are strings; the API server refuses an unquoted true.
        assertThatThrownBy(
                        () ->
                                read(
                                        """
                                        apiVersion: v1
                                        kind: ConfigMap
                                        metadata:
                                          name: demo
                                        data:
                                          LIVELINK_LOG_JSON: true
                                        """))
                .hasMessageContaining("ConfigMap demo");
        assertThat(
                        ((ConfigMap)
                                        read("""
                                                        apiVersion: v1
                                                        kind: ConfigMap
                                                        metadata:
                                                          name: demo
                                                        data:
                                                          LIVELINK_LOG_JSON: "true"
                                                        """)
                                                .model())
                                .getData())
                .containsEntry("LIVELINK_LOG_JSON", "true");
    }

    @Test
    void aStringWhereTheApiWantsANumberFails() {
        assertThatThrownBy(
                        () ->
                                read(
                                        """
                                        apiVersion: kafka.strimzi.io/v1
                                        kind: KafkaTopic
                                        metadata:
                                          name: demo
                                        spec:
                                          partitions: "12"
                                        """))
                .hasMessageContaining("KafkaTopic demo");
    }

    @Test
    void aDuplicatedKeyFails() {
        assertThatThrownBy(
                        () ->
                                StrictManifestReader.documents(
                                        """
                                        apiVersion: v1
                                        kind: ConfigMap
                                        metadata:
                                          name: demo
                                          name: other
                                        """))
                .hasMessageContaining("name");
    }
}
