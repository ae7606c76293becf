package io.livelink.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a service under {@code @QuarkusTest} at the real Kafka broker and PostgreSQL of {@link
 * RealInfrastructure}, and at the public key of {@link TestTokens}.
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    /** Random link-signing keys for this test JVM (link-service needs them; others ignore them). */
    public static final LocalLinkKeys LINK_KEYS = LocalLinkKeys.random();

    /** A random personal-data key for this test JVM (analytics-service's training rosters). */
    public static final LocalTrainingKey TRAINING_KEY = LocalTrainingKey.random();

    @Override
    public Map<String, String> start() {
        InfrastructureEndpoints endpoints = RealInfrastructure.shared();
        Map<String, String> config = new java.util.HashMap<>(LINK_KEYS.configuration());
        config.putAll(TRAINING_KEY.configuration());
        config.put("kafka.bootstrap.servers", endpoints.kafkaBootstrapServers());
        config.put("quarkus.datasource.jdbc.url", endpoints.jdbcUrl());
        config.put("quarkus.datasource.username", endpoints.dbUser());
        config.put("quarkus.datasource.password", endpoints.dbPassword());
        config.put(
                "mp.jwt.verify.publickey.location", TestTokens.issuer().publicKeyPem().toString());
        config.put("mp.jwt.verify.issuer", LocalJwtIssuer.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by every test class of the JVM and stop when it exits.
    }
}
