package io.livelink.deploycheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.strimzi.api.annotations.ApiVersion;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.crdgenerator.annotations.PresentInVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads rendered manifests as strictly as the API server's field validation: each object into the
 * Java model of its exact apiVersion and kind, failing on any field the model does not have.
 *
 * <p>The fabric8 and Strimzi models keep unknown fields in an "additional properties" map (a
 * Jackson any-setter) instead of refusing them, so a misspelt field would pass silently. This
 * reader switches any-setters off, which turns every unknown field into an error naming its path.
 * Strimzi's models also serve older API versions; fields that kafka.strimzi.io/v1 no longer has are
 * refused as well.
 */
final class StrictManifestReader {

    /** The kinds LiveLink deploys, by "apiVersion kind"; anything else is refused. */
    static final Map<String, Class<?>> MODELS =
            Map.ofEntries(
                    Map.entry("v1 Namespace", Namespace.class),
                    Map.entry("v1 ConfigMap", ConfigMap.class),
                    Map.entry("v1 Secret", Secret.class),
                    Map.entry("v1 Service", Service.class),
                    Map.entry("apps/v1 Deployment", Deployment.class),
                    Map.entry(
                            "autoscaling/v2 HorizontalPodAutoscaler",
                            HorizontalPodAutoscaler.class),
                    Map.entry("policy/v1 PodDisruptionBudget", PodDisruptionBudget.class),
                    Map.entry("networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class),
                    Map.entry("networking.k8s.io/v1 Ingress", Ingress.class),
                    Map.entry("kafka.strimzi.io/v1 Kafka", Kafka.class),
                    Map.entry("kafka.strimzi.io/v1 KafkaNodePool", KafkaNodePool.class),
                    Map.entry("kafka.strimzi.io/v1 KafkaTopic", KafkaTopic.class),
                    Map.entry("postgresql.cnpg.io/v1 Cluster", CnpgCluster.class),
                    Map.entry("monitoring.coreos.com/v1 PodMonitor", PodMonitor.class),
                    Map.entry("monitoring.coreos.com/v1 PrometheusRule", PrometheusRule.class));

    static final ObjectMapper MAPPER = strictMapper();

    private StrictManifestReader() {}

    /** One object of a rendered stream: its identity and its typed model. */
    record Manifest(String apiVersion, String kind, String name, Object model) {
        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    /** The documents of a YAML stream, empty ones left out; duplicate keys are an error. */
    static List<JsonNode> documents(String yaml) {
        try {
            return MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
                    .filter(
                            document ->
                                    document != null && !document.isNull() && !document.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String yaml) {
        List<JsonNode> documents = documents(yaml);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(
                    "expected one YAML document, got " + documents.size());
        }
        return documents.get(0);
    }

    static List<Manifest> readAll(String yaml, String origin) {
        return documents(yaml).stream().map(document -> read(document, origin)).toList();
    }

    static Manifest read(JsonNode document, String origin) {
        String apiVersion = document.path("apiVersion").asText();
        String kind = document.path("kind").asText();
        String name = document.path("metadata").path("name").asText();
        Class<?> model = MODELS.get(apiVersion + " " + kind);
        if (model == null) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s: %s %s has apiVersion/kind '%s %s', not one of the checked models %s",
                            origin, kind, name, apiVersion, kind, MODELS.keySet()));
        }
        try {
            return new Manifest(apiVersion, kind, name, MAPPER.treeToValue(document, model));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s: %s %s is not a valid %s: %s",
                            origin, kind, name, kind, e.getMessage()),
                    e);
        }
    }

    private static ObjectMapper strictMapper() {
        YAMLFactory yaml =
                YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        ObjectMapper mapper =
                JsonMapper.builder(yaml)
                        .annotationIntrospector(new WithoutAnySetters())
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                        // "3" is not 3 and 3 is not "3" to the API server.
                        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                        .addModule(
                                new SimpleModule("strimzi-v1-fields")
                                        .setDeserializerModifier(new OnlyStrimziV1Fields()))
                        .build();
        for (CoercionInputShape scalar :
                List.of(
                        CoercionInputShape.Integer,
                        CoercionInputShape.Float,
                        CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        return mapper;
    }

    /** Ignores {@code @JsonAnySetter}, so unknown fields reach FAIL_ON_UNKNOWN_PROPERTIES. */
    private static final class WithoutAnySetters extends JacksonAnnotationIntrospector {
        @Override
        public Boolean hasAnySetter(Annotated annotated) {
            return Boolean.FALSE;
        }
    }

    /**
     * Drops from Strimzi's models the properties marked {@code @PresentInVersions} without v1 (the
     * only Strimzi version deployed here), so such a field counts as unknown.
     */
    private static final class OnlyStrimziV1Fields extends BeanDeserializerModifier {
        @Override
        public BeanDeserializerBuilder updateBuilder(
                DeserializationConfig config,
                BeanDescription description,
                BeanDeserializerBuilder builder) {
            if (!description.getBeanClass().getName().startsWith("io.strimzi.api.")) {
                return builder;
            }
            List<String> notInV1 = new ArrayList<>();
            for (Iterator<SettableBeanProperty> properties = builder.getProperties();
                    properties.hasNext(); ) {
                SettableBeanProperty property = properties.next();
                PresentInVersions present = property.getAnnotation(PresentInVersions.class);
                if (present != null
                        && !ApiVersion.parseRange(present.value()).contains(ApiVersion.V1)) {
                    notInV1.add(property.getName());
                }
            }
            notInV1.forEach(name -> builder.removeProperty(new PropertyName(name)));
            return builder;
        }
    }
}
