package io.livelink.testsupport;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A real single-node KRaft Kafka broker (Apache Kafka's own server classes) in this JVM. With a
 * data directory it keeps its cluster id and logs, so a restart keeps the topics' data.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;

    private EmbeddedKafkaServer(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** A throw-away broker on a free port. */
    public static EmbeddedKafkaServer startTemporary() {
        return startTemporary(0);
    }

    /** A throw-away broker on the given port (0: any free one). */
    public static EmbeddedKafkaServer startTemporary(int port) {
        EmbeddedKafkaBroker broker =
                new EmbeddedKafkaBroker()
                        .withDeleteLogDirsOnClose(true)
                        .withAdditionalProperties(EmbeddedKafkaServer::singleNodeDefaults);
        if (port > 0) {
            broker.withKafkaPort(port);
        }
        return new EmbeddedKafkaServer(broker.start());
    }

    /** A broker on the given port keeping its logs and cluster id under {@code dataDirectory}. */
    public static EmbeddedKafkaServer startPersistent(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            Path clusterIdFile = dataDirectory.resolve("cluster.id");
            if (!Files.exists(clusterIdFile)) {
                Files.writeString(clusterIdFile, kafkaClusterId());
            }
            String clusterId = Files.readString(clusterIdFile).trim();
            Path logs = dataDirectory.resolve("logs");
            EmbeddedKafkaBroker broker =
                    new EmbeddedKafkaBroker()
                            .withClusterId(clusterId)
                            .withKafkaPort(port)
                            .withDeleteLogDirsOnClose(false)
                            .withAdditionalProperties(
                                    props -> {
                                        singleNodeDefaults(props);
                                        props.put("log.dirs", logs.toString());
                                    });
            return new EmbeddedKafkaServer(broker.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka data directory unusable: " + dataDirectory, e);
        }
    }

    private static void singleNodeDefaults(java.util.Properties props) {
        props.put("num.partitions", "3");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
    }

    /** Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding. */
    private static String kafkaClusterId() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** host:port, as clients want it. */
    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replaceAll("^[A-Z_]+://", "");
    }

    @Override
    public void close() {
        broker.close();
    }
}
