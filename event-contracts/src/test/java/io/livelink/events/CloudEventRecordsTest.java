package io.livelink.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every event type, as the record {@link CloudEventRecords} builds, is read by the CloudEvents
 * SDK's Kafka deserializer as the same event a plain consumer decodes.
 */
class CloudEventRecordsTest {

    private static final Instant T = Instant.parse("2026-11-21T08:00:00Z");

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theCloudEventsSdkReadsEveryEventTypeAsThePlainConsumerDoes(EventType type)
            throws Exception {
        LiveLinkEvent event = EventContractsTest.SAMPLES.get(type);
        ProducerRecord<String, String> record =
                CloudEventRecords.record(event, "e-" + type, "/livelink/test", T);

        CloudEvent read = sdkRead(record, record.headers());
        EventEnvelope plain = EventCodec.decode(record.value());

        assertThat(record.topic()).isEqualTo(type.topic());
        assertThat(record.key()).isEqualTo(event.partitionKey());
        assertThat(read.getId()).isEqualTo(plain.id()).isEqualTo("e-" + type);
        assertThat(read.getType()).isEqualTo(type.typeName());
        assertThat(read.getSource()).hasToString("/livelink/test");
        assertThat(read.getSubject()).isEqualTo(record.key());
        assertThat(read.getTime().toInstant()).isEqualTo(T);
        assertThat(read.getExtension("partitionkey")).isEqualTo(record.key());
        assertThat(read.getDataContentType()).isEqualTo("application/json");
        assertThat(read.getDataSchema()).hasToString(schemaIdOf(type));
        assertThat(EventCodec.mapper().readTree(read.getData().toBytes())).isEqualTo(plain.data());
        assertThat(EventCodec.data(plain)).isEqualTo(event);
    }

    @ParameterizedTest
    @EnumSource(
            value = EventType.class,
            names = {"VIEW", "STREAM_MINUTE_ROLLUP"})
    void withoutTheContentTypeHeaderTheSdkCannotReadTheRecord(EventType type) {
        // What every downstream consumer hit before the header was written (issue 16).
        ProducerRecord<String, String> record =
                CloudEventRecords.record(EventContractsTest.SAMPLES.get(type), "e1", "/t", T);

        assertThatThrownBy(() -> sdkRead(record, new RecordHeaders()))
                .isInstanceOf(RuntimeException.class);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theDataSchemaNamesTheSchemaFileById(EventType type) throws Exception {
        assertThat(type.schemaId()).isEqualTo(schemaIdOf(type));
    }

    private static CloudEvent sdkRead(
            ProducerRecord<String, String> record, org.apache.kafka.common.header.Headers headers) {
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            deserializer.configure(Map.of(), false);
            return deserializer.deserialize(
                    record.topic(), headers, record.value().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String schemaIdOf(EventType type) throws Exception {
        try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
            JsonNode schema = EventCodec.mapper().readTree(in);
            return schema.path("$id").asText();
        }
    }
}
