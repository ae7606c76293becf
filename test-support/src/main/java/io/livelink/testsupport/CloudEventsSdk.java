package io.livelink.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.livelink.events.EventEnvelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads LiveLink records the way a downstream Java consumer would: with the CloudEvents SDK's Kafka
 * deserializer ({@code io.cloudevents:cloudevents-kafka}), and checks that what it reads is the
 * event a plain consumer decodes from the same record (same id, type, source, subject, data) and
 * that the {@code partitionkey} extension equals the record key.
 */
public final class CloudEventsSdk {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudEventsSdk() {}

    /**
     * What the SDK's deserializer makes of a record; throws (as it would in a consumer's poll) when
     * the record does not follow the CloudEvents Kafka protocol binding.
     */
    public static CloudEvent read(String topic, Headers headers, String value) {
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            deserializer.configure(Map.of(), false);
            return deserializer.deserialize(
                    topic, headers, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The SDK's reading of the record agrees with the plain consumer's decoded envelope. */
    public static void assertAgrees(ConsumerRecord<String, String> record, EventEnvelope plain) {
        assertAgrees(record.key(), read(record.topic(), record.headers(), record.value()), plain);
    }

    /**
     * Reads the record at the given position with a {@code KafkaConsumer} whose value deserializer
     * is the SDK's, configured by class name as a downstream consumer would, and checks it agrees.
     */
    public static CloudEvent assertReadableByAnSdkConsumer(
            String bootstrapServers, ConsumerRecord<String, String> at, EventEnvelope plain) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "cloudevents-sdk-reader-" + UUID.randomUUID());
        props.put("enable.auto.commit", "false");
        props.put("max.poll.records", "1");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", CloudEventDeserializer.class.getName());
        TopicPartition partition = new TopicPartition(at.topic(), at.partition());
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, at.offset());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> read :
                        consumer.poll(Duration.ofMillis(200))) {
                    assertAgrees(read.key(), read.value(), plain);
                    return read.value();
                }
            }
        }
        throw new AssertionError(
                "the SDK consumer read nothing at " + partition + "@" + at.offset());
    }

    private static void assertAgrees(String key, CloudEvent sdk, EventEnvelope plain) {
        check("id", sdk.getId(), plain.id());
        check("type", sdk.getType(), plain.type());
        check("source", sdk.getSource().toString(), plain.source());
        check("subject", sdk.getSubject(), plain.subject());
        check("specversion", sdk.getSpecVersion().toString(), plain.specversion());
        check("time", sdk.getTime().toInstant(), plain.time());
        check("datacontenttype", sdk.getDataContentType(), plain.datacontenttype());
        check("dataschema", String.valueOf(sdk.getDataSchema()), plain.dataschema());
        check("partitionkey (the record key)", sdk.getExtension("partitionkey"), key);
        check("partitionkey", sdk.getExtension("partitionkey"), plain.partitionkey());
        try {
            JsonNode data = JSON.readTree(sdk.getData().toBytes());
            check("data", data, JSON.readTree(plain.data().toString()));
        } catch (IOException e) {
            throw new AssertionError("the SDK's data is not JSON", e);
        }
    }

    private static void check(String what, Object sdk, Object plain) {
        if (!java.util.Objects.equals(sdk, plain)) {
            throw new AssertionError(
                    "CloudEvents SDK reads " + what + " " + sdk + ", a plain consumer " + plain);
        }
    }
}
