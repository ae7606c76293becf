package io.livelink.testsupport;

/** Where the real Kafka broker and PostgreSQL are, and where they came from. */
public record InfrastructureEndpoints(
        String kafkaBootstrapServers,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        String kafkaOrigin,
        String databaseOrigin) {}
