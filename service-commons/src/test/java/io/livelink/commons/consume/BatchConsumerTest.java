package io.livelink.commons.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livelink.commons.deadletter.DeadLetterCount;
import io.livelink.commons.deadletter.DeadLetters;
import io.livelink.commons.delivery.Backoff;
import io.livelink.commons.messaging.BatchTraces;
import io.livelink.events.EventCodec;
import io.livelink.events.LiveLinkEvent;
import io.livelink.events.MemberJoined;
import io.livelink.events.MemberLeft;
import io.livelink.events.Topics;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructure;
import io.livelink.testsupport.RealInfrastructureResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The one batch consumer every LiveLink consumer uses, against the real broker and database: each
 * event applied once whether by stored offsets or by processed-event marks (redeliveries, the same
 * event produced twice, two instances given the same batch at once), what it cannot apply
 * dead-lettered alone with the reason and counted, a failure that says nothing about the events
 * retried with back-off until it applies or the service stops.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class BatchConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "consume-" + UUID.randomUUID();

    /** A partition of its own per test, so stored offsets of one test do not skip another's. */
    private final TopicPartition directory =
            new TopicPartition(
                    Topics.DIRECTORY_EVENTS, ThreadLocalRandom.current().nextInt(1_000, 1_000_000));

    private final List<ConsumerRecord<String, String>> batch = new ArrayList<>();

    @Inject BatchConsumer consumer;
    @Inject ConsumeProbes.ByOffsets byOffsets;
    @Inject ConsumeProbes.ByMarks byMarks;
    @Inject ConsumeProbes.Applied applied;
    @Inject ConsumerOffsets offsets;
    @Inject ProcessedEvents marks;
    @Inject DeadLetters deadLetters;
    @Inject BatchTraces traces;

    @Inject
    @Identifier(StoredOffsetsListener.NAME)
    StoredOffsetsListener storedOffsets;

    @Inject MeterRegistry metrics;

    @Test
    void byStoredOffsetsABatchAppliesOnceAndARedeliveryAppliesOnlyWhatItHasNew() {
        add(left("a"));
        add(left("b"));
        add(left("c"));
        consumer.consume(records(), byOffsets);
        assertThat(appliedByOffsets()).containsExactly(member("a"), member("b"), member("c"));
        assertThat(storedOffset()).isEqualTo(3L);

        // Redelivered from offset 1 (a restart before Kafka knew), with two records new since.
        List<ConsumerRecord<String, String>> again = new ArrayList<>(batch.subList(1, 3));
        batch.clear();
        batch.addAll(again);
        add(3, left("d"));
        add(4, left("e"));
        consumer.consume(records(), byOffsets);

        assertThat(appliedByOffsets())
                .containsExactly(member("a"), member("b"), member("c"), member("d"), member("e"));
        assertThat(storedOffset()).isEqualTo(5L);
    }

    @Test
    void twoInstancesGivenTheSameBatchAtOnceApplyItOnce() throws Exception {
        for (int i = 0; i < 200; i++) {
            add(left(String.format("%03d", i)));
        }
        ConsumerRecords<String, String> records = records();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = two.submit(() -> consumer.consume(records, byOffsets));
            Future<?> second = two.submit(() -> consumer.consume(records, byOffsets));
            first.get();
            second.get();
        } finally {
            two.shutdownNow();
        }
        assertThat(appliedByOffsets()).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void byMarksAnEventAppliesOnceWhereverAndHoweverOftenItComes() {
        String id = UUID.randomUUID().toString();
        add(joined("a"));
        add(
                tenant,
                value(
                        new MemberJoined(tenant, member("twice"), "acct", "Twice", Instant.now()),
                        id));
        add(
                tenant,
                value(
                        new MemberJoined(tenant, member("twice"), "acct", "Twice", Instant.now()),
                        id));
        // Produced twice (the outbox fallback): a later offset, the same event id.
        add(
                tenant,
                value(
                        new MemberJoined(tenant, member("twice"), "acct", "Twice", Instant.now()),
                        id));
        // Not this consumer's event: skipped, not dead-lettered.
        add(left("someone-elses"));
        consumer.consume(records(), byMarks);
        consumer.consume(records(), byMarks);

        assertThat(appliedByMarks()).containsExactly(member("a"), member("twice"));
    }

    @Test
    void whatIsNoEventOrNotThisConsumersIsDeadLetteredWithTheReasonCountedAndTheRestApplies() {
        double before = deadLettered();
        add("garbage-" + tenant, "{not json");
        add("joined-" + tenant, value(joined("elsewhere")));
        add("long-id-" + tenant, value(left("long"), "x".repeat(65)));
        add(left("kept"));
        consumer.consume(records(), byOffsets);

        assertThat(appliedByOffsets()).containsExactly(member("kept"));
        assertThat(reason("garbage-" + tenant)).startsWith("not JSON");
        assertThat(reason("joined-" + tenant))
                .isEqualTo("a io.livelink.MemberJoined.v1 is not a member left");
        assertThat(reason("long-id-" + tenant)).isEqualTo("event id longer than 64 characters");
        assertThat(deadLettered()).isEqualTo(before + 3);
        assertThat(storedOffset()).isEqualTo(4L);
    }

    @Test
    void anEventTheHandlerOrTheDatabaseRefusesIsDeadLetteredAloneAndTheRestApplies() {
        add(joined("before"));
        add("unusable-" + tenant, value(joined("unusable")));
        add("nul-" + tenant, value(joined("nul-\u0000")));
        add(joined("after"));
        consumer.consume(records(), byMarks);

        assertThat(appliedByMarks()).containsExactly(member("after"), member("before"));
        assertThat(reason("unusable-" + tenant)).endsWith("cannot be applied");
        assertThat(reason("nul-" + tenant)).startsWith("the database refused it");
    }

    @Test
    void aFailureThatSaysNothingAboutTheEventsIsRetriedUntilTheBatchApplies() {
        String flaky = "flaky-2-" + tenant;
        add(joined("first"));
        add(new MemberJoined(tenant, flaky, "acct", "Flaky", Instant.now()));
        consumer.consume(records(), byMarks);

        assertThat(applied.attemptsOf(flaky)).isEqualTo(3);
        // Applied once, with the rest of its batch, after two failed attempts.
        assertThat(appliedByMarks()).containsExactly(member("first"), flaky);
        assertThat(kafkaHasNoDeadLetterFor(flaky)).isTrue();
    }

    @Test
    void aServiceStoppingMidRetryLeavesTheBatchForTheNextStart() throws Exception {
        BatchConsumer stopping =
                new BatchConsumer(
                        offsets,
                        marks,
                        deadLetters,
                        traces,
                        new Backoff(Duration.ofMillis(50), Duration.ofMillis(100)));
        add(left("applied-first"));
        consumer.consume(records(), byOffsets);
        batch.clear();
        add(1, left("failing"));
        Thread stopper =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(500);
                            } catch (InterruptedException e) {
                                return;
                            }
                            stopping.stop();
                        });
        stopper.start();

        // By offsets: it returns, and the offset stays before the batch.
        stopping.consume(records(), byOffsets);
        assertThat(storedOffset()).isEqualTo(1L);
        stopper.join();

        // By marks: the batch fails, so the connector commits nothing for it; nothing is marked.
        batch.clear();
        add(joined("failing"));
        assertThatThrownBy(() -> stopping.consume(records(), byMarks))
                .isInstanceOf(BatchConsumer.ConsumerStopping.class);
        assertThat(appliedByMarks()).isEmpty();
        String eventId = EventCodec.decode(batch.get(0).value()).id();
        assertThat(
                        QuarkusTransaction.requiringNew()
                                .call(
                                        () ->
                                                marks.firstDeliveries(
                                                        ByMarksName.NAME, List.of(eventId))))
                .containsExactly(eventId);
    }

    @Test
    void onAssignmentAConsumerByStoredOffsetsSeeksToThem() {
        // A real consumer assigned a partition of the by-offsets handler's topic whose offset the
        // handler stored: the listener moves it there, whatever Kafka would have said.
        TopicPartition stored = new TopicPartition(Topics.DIRECTORY_EVENTS, 0);
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            offsets.lock(ByOffsetsName.NAME, List.of(stored));
                            offsets.advance(ByOffsetsName.NAME, Map.of(stored, 1L));
                        });
        Properties config = new Properties();
        config.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "commons-test-" + UUID.randomUUID());
        try (KafkaConsumer<String, String> kafkaConsumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            kafkaConsumer.assign(List.of(stored));
            storedOffsets.onPartitionsAssigned(kafkaConsumer, List.of(stored));
            assertThat(kafkaConsumer.position(stored)).isEqualTo(storedOffsetOf(stored));
        }
        assertThat(storedOffsetOf(stored)).isPositive();
    }

    private static final class ByOffsetsName {
        static final String NAME = ConsumeProbes.ByOffsets.CONSUMPTION.consumer();
    }

    private static final class ByMarksName {
        static final String NAME = ConsumeProbes.ByMarks.CONSUMPTION.consumer();
    }

    private String member(String name) {
        return name + "-" + tenant;
    }

    private MemberLeft left(String name) {
        return new MemberLeft(tenant, member(name), Instant.now());
    }

    private MemberJoined joined(String name) {
        return new MemberJoined(tenant, member(name), "acct-" + name, name, Instant.now());
    }

    private static String value(LiveLinkEvent event) {
        return value(event, UUID.randomUUID().toString());
    }

    private static String value(LiveLinkEvent event, String id) {
        return EventCodec.encode(EventCodec.envelope(event, id, "/livelink/test", Instant.now()));
    }

    private void add(LiveLinkEvent event) {
        add(batch.size(), event);
    }

    private void add(long offset, LiveLinkEvent event) {
        batch.add(
                new ConsumerRecord<>(
                        directory.topic(), directory.partition(), offset, tenant, value(event)));
    }

    private void add(String key, String value) {
        batch.add(
                new ConsumerRecord<>(
                        directory.topic(), directory.partition(), batch.size(), key, value));
    }

    private ConsumerRecords<String, String> records() {
        return new ConsumerRecords<>(Map.of(directory, List.copyOf(batch)));
    }

    private List<String> appliedByOffsets() {
        return applied.membersApplied(ByOffsetsName.NAME, "").stream()
                .filter(m -> m.endsWith(tenant))
                .toList();
    }

    private List<String> appliedByMarks() {
        return applied.membersApplied(ByMarksName.NAME, "").stream()
                .filter(m -> m.endsWith(tenant))
                .toList();
    }

    private long storedOffset() {
        return storedOffsetOf(directory);
    }

    private long storedOffsetOf(TopicPartition partition) {
        return QuarkusTransaction.requiringNew()
                .call(() -> offsets.stored(ByOffsetsName.NAME, List.of(partition)))
                .getOrDefault(partition, -1L);
    }

    private String reason(String key) {
        var header =
                kafka.awaitRawRecord(Topics.DEAD_LETTER, r -> key.equals(r.key()), WAIT)
                        .headers()
                        .lastHeader("dead-letter-reason");
        assertThat(header).as("dead-letter-reason of " + key).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private boolean kafkaHasNoDeadLetterFor(String member) {
        try {
            kafka.awaitRawRecord(
                    Topics.DEAD_LETTER,
                    r -> r.value() != null && r.value().contains(member),
                    Duration.ofSeconds(2));
            return false;
        } catch (AssertionError | RuntimeException none) {
            return true;
        }
    }

    private double deadLettered() {
        return metrics.counter(DeadLetterCount.METRIC, "topic", Topics.DIRECTORY_EVENTS).count();
    }
}
