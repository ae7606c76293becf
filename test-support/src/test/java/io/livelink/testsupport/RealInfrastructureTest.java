package io.livelink.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RealInfrastructureTest {

    private final InfrastructureEndpoints endpoints = RealInfrastructure.shared();

    @Test
    void postgresIsARealServerWithTheLivelinkDatabase() throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(
                                endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
                ResultSet version =
                        connection.createStatement().executeQuery("show server_version")) {
            assertThat(version.next()).isTrue();
            assertThat(version.getString(1)).startsWith("18");
            assertThat(connection.getCatalog()).isEqualTo("livelink");
        }
    }

    @Test
    void kafkaBrokerAcknowledgesAndDeliversARecord() throws Exception {
        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", endpoints.kafkaBootstrapServers());
        producerProps.put("acks", "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        producerProps, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("infra-check", "k", "hello")).get();
        }
        Properties consumerProps = new Properties();
        consumerProps.put("bootstrap.servers", endpoints.kafkaBootstrapServers());
        consumerProps.put("group.id", "infra-check");
        consumerProps.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infra-check"));
            long deadline = System.currentTimeMillis() + 20_000;
            String value = null;
            while (value == null && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (var record : records) {
                    value = record.value();
                }
            }
            assertThat(value).isEqualTo("hello");
        }
    }

    @Test
    void localIssuerMintsTokensCarryingRoleTenantAndMember() {
        String token = TestTokens.member("acme", "m-7");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(payload)
                .contains(
                        "\"tenant\":\"acme\"",
                        "\"member\":\"m-7\"",
                        "\"member\"]",
                        LocalJwtIssuer.ISSUER);
    }
}
