package io.livelink.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a service under {@code @QuarkusTest} at the real Kafka broker and PostgreSQL of {@link
 * RealInfrastructure}, and at the public key of {@link TestTokens}.
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        InfrastructureEndpoints endpoints = RealInfrastructure.shared();
        return Map.of(
                "kafka.bootstrap.servers", endpoints.kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url", endpoints.jdbcUrl(),
                "quarkus.datasource.username", endpoints.dbUser(),
                "quarkus.datasource.password", endpoints.dbPassword(),
                "mp.jwt.verify.publickey.location", TestTokens.issuer().publicKeyPem().toString(),
                "mp.jwt.verify.issuer", LocalJwtIssuer.ISSUER);
    }

    @Override
    public void stop() {
        // The servers are shared by every test class of the JVM and stop when it exits.
    }
}
