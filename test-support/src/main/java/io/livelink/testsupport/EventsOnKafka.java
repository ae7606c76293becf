package io.livelink.testsupport;

import io.livelink.events.CloudEventRecords;
import io.livelink.events.EventCodec;
import io.livelink.events.EventEnvelope;
import io.livelink.events.EventType;
import io.livelink.events.LiveLinkEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes LiveLink events on the real broker in tests. Every record read is decoded with
 * {@link EventCodec#decode}, which validates it against the event's JSON Schema: a producer whose
 * JSON breaks its contract fails the test that reads it.
 */
public final class EventsOnKafka {

    private final String bootstrapServers;

    public EventsOnKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static EventsOnKafka shared() {
        return new EventsOnKafka(RealInfrastructure.shared().kafkaBootstrapServers());
    }

    /** The first event on the topic (from its beginning) that matches, or an AssertionError. */
    public <T extends LiveLinkEvent> T awaitEvent(
            Class<T> payload, Predicate<T> matching, Duration timeout) {
        return awaitEvents(payload, matching, 1, timeout).get(0);
    }

    /** At least {@code count} matching events of the type, from the topic's beginning. */
    public <T extends LiveLinkEvent> List<T> awaitEvents(
            Class<T> payload, Predicate<T> matching, int count, Duration timeout) {
        EventType type =
                java.util.Arrays.stream(EventType.values())
                        .filter(t -> t.payload() == payload)
                        .findFirst()
                        .orElseThrow();
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(type.topic()));
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    EventEnvelope envelope = EventCodec.decode(record.value());
                    if (!envelope.type().equals(type.typeName())) {
                        continue;
                    }
                    if (!record.key().equals(envelope.subject())) {
                        throw new AssertionError(
                                "record key "
                                        + record.key()
                                        + " is not the event's subject "
                                        + envelope.subject());
                    }
                    T event = EventCodec.data(envelope, payload);
                    if (matching.test(event)) {
                        // Downstream consumers read it with the CloudEvents SDK: each record
                        // through its deserializer, the first also through an SDK-configured
                        // KafkaConsumer.
                        if (found.isEmpty()) {
                            CloudEventsSdk.assertReadableByAnSdkConsumer(
                                    bootstrapServers, record, envelope);
                        } else {
                            CloudEventsSdk.assertAgrees(record, envelope);
                        }
                        found.add(event);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError(
                    "expected "
                            + count
                            + " matching "
                            + payload.getSimpleName()
                            + " on "
                            + type.topic()
                            + " within "
                            + timeout
                            + ", found "
                            + found.size());
        }
        return found;
    }

    /** The first record on the topic (from its beginning) that matches, or an AssertionError. */
    public ConsumerRecord<String, String> awaitRawRecord(
            String topic, Predicate<ConsumerRecord<String, String>> matching, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    if (matching.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout);
    }

    /** Publishes an event the way a LiveLink producer would; returns its envelope id. */
    public String publish(LiveLinkEvent event) {
        String id = UUID.randomUUID().toString();
        publishRecords(
                List.of(CloudEventRecords.record(event, id, "/livelink/test", Instant.now())));
        return id;
    }

    /**
     * Publishes many events through one producer, each record value as given (so a value listed
     * twice is a redelivery of the same event id).
     */
    public void publishRecords(List<ProducerRecord<String, String>> records) {
        publishInBulk(records);
    }

    /**
     * Publishes a large number of records, read as they are sent (they need not all be in memory),
     * in large compressed batches, and waits until the broker has every one. A busy machine slows
     * the embedded broker down: the producer waits minutes, not the client's default seconds,
     * before it calls a record lost.
     */
    public void publishInBulk(Iterable<ProducerRecord<String, String>> records) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        props.put("linger.ms", "20");
        props.put("batch.size", String.valueOf(512 * 1024));
        props.put("compression.type", "lz4");
        props.put("buffer.memory", String.valueOf(128L * 1024 * 1024));
        props.put("request.timeout.ms", "120000");
        props.put("delivery.timeout.ms", "600000");
        props.put("max.block.ms", "600000");
        AtomicReference<Exception> refused = new AtomicReference<>();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(
                        record,
                        (metadata, failure) -> {
                            if (failure != null) {
                                refused.compareAndSet(null, failure);
                            }
                        });
                if (refused.get() != null) {
                    break;
                }
            }
            producer.flush();
        }
        if (refused.get() != null) {
            throw new IllegalStateException("broker refused a record", refused.get());
        }
    }

    /** The record a producer of LiveLink would send for the event, with a fresh event id. */
    public static ProducerRecord<String, String> recordOf(LiveLinkEvent event) {
        return CloudEventRecords.record(
                event, UUID.randomUUID().toString(), "/livelink/test", Instant.now());
    }

    /**
     * Sends a record value as is, with the headers every LiveLink record has: for redeliveries and
     * malformed records.
     */
    public void publishRaw(String topic, String key, String value) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(
                            new ProducerRecord<>(
                                    topic, null, key, value, CloudEventRecords.headers()))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker refused the record", e.getCause());
        }
    }

    /** Where each partition of the topic ends now: the offset its next record will have. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            return consumer.endOffsets(partitions);
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "test-reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
