package io.livelink.deploycheck;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;

/**
 * The part of CloudNativePG's {@code Cluster} (postgresql.cnpg.io/v1) that LiveLink sets, field
 * names as in CloudNativePG's API reference. No Java model of it is published on Maven Central;
 * read strictly, this one refuses any field it does not know, so a misspelling fails the build and
 * a new field must be added here on purpose, checked against the reference.
 */
record CnpgCluster(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    record Spec(
            Integer instances,
            String imageName,
            String primaryUpdateStrategy,
            Storage storage,
            ResourceRequirements resources,
            Postgresql postgresql,
            Bootstrap bootstrap) {}

    record Storage(String size, String storageClass) {}

    record Postgresql(Map<String, String> parameters) {}

    record Bootstrap(InitDb initdb) {}

    /** Creates the application database and its owner from a basic-auth Secret. */
    record InitDb(String database, String owner, LocalObjectReference secret) {}
}
