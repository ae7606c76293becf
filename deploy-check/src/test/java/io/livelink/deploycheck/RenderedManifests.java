package io.livelink.deploycheck;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.livelink.deploycheck.StrictManifestReader.Manifest;
import io.strimzi.api.kafka.model.kafka.Kafka;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What {@code kubectl kustomize <kustomization>} renders, every object read strictly. */
record RenderedManifests(String kustomization, List<Manifest> manifests) {

    static final String BASE = "deploy/base";
    static final String DEV = "deploy/overlays/dev";
    static final String PROD = "deploy/overlays/prod";

    /** The base and every overlay: all are rendered and checked. */
    static final List<String> ALL = List.of(BASE, DEV, PROD);

    private static final Map<String, RenderedManifests> CACHE = new ConcurrentHashMap<>();

    static RenderedManifests of(String kustomization) {
        return CACHE.computeIfAbsent(
                kustomization,
                k ->
                        new RenderedManifests(
                                k, StrictManifestReader.readAll(Kustomize.render(k), k)));
    }

    <T> List<T> all(Class<T> model) {
        return manifests.stream()
                .map(Manifest::model)
                .filter(model::isInstance)
                .map(model::cast)
                .toList();
    }

    <T> Optional<T> find(Class<T> model, String name) {
        return manifests.stream()
                .filter(
                        manifest ->
                                manifest.name().equals(name) && model.isInstance(manifest.model()))
                .map(manifest -> model.cast(manifest.model()))
                .findFirst();
    }

    <T> T named(Class<T> model, String name) {
        return find(model, name)
                .orElseThrow(
                        () ->
                                new NoSuchElementException(
                                        kustomization
                                                + " renders no "
                                                + model.getSimpleName()
                                                + " named "
                                                + name));
    }

    Deployment deployment(String service) {
        return named(Deployment.class, service);
    }

    /** The ConfigMap a service's Deployment reads its environment from (hash-suffixed name). */
    ConfigMap configOf(String service) {
        String name =
                deployment(service)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnvFrom()
                        .get(0)
                        .getConfigMapRef()
                        .getName();
        return named(ConfigMap.class, name);
    }

    Kafka kafka() {
        List<Kafka> clusters = all(Kafka.class);
        if (clusters.size() != 1) {
            throw new IllegalStateException(
                    kustomization + " renders " + clusters.size() + " Kafka clusters, expected 1");
        }
        return clusters.get(0);
    }

    CnpgCluster postgres() {
        List<CnpgCluster> clusters = all(CnpgCluster.class);
        if (clusters.size() != 1) {
            throw new IllegalStateException(
                    kustomization
                            + " renders "
                            + clusters.size()
                            + " PostgreSQL clusters, expected 1");
        }
        return clusters.get(0);
    }
}
