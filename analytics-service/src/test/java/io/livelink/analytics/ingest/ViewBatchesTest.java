package io.livelink.analytics.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.livelink.analytics.StoredRows;
import io.livelink.analytics.ViewFixtures;
import io.livelink.events.EventCodec;
import io.livelink.events.LinkIssued;
import io.livelink.events.LiveLinkEvent;
import io.livelink.events.StreamType;
import io.livelink.events.Topics;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * One polled batch as the consumer gets it from the connector, handed to it directly so that its
 * composition is exact: applied in one go, duplicates once, and whatever cannot be applied
 * dead-lettered with the reason while the rest of the batch counts.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ViewBatchesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String streamId = UUID.randomUUID().toString();
    private final List<ConsumerRecord<String, String>> batch = new ArrayList<>();
    // A partition of its own: offsets stored for the real topic's partitions do not skip it.
    private final TopicPartition partition =
            new TopicPartition(Topics.VIEW_EVENTS + ".test-" + UUID.randomUUID(), 0);

    @Inject ViewEventsConsumer consumer;
    @Inject EntityManager entityManager;

    @Test
    void aBatchCountsEachEventOnceAndDeadLettersOnlyWhatItCannotApply() {
        String joinA = envelope(view(ViewKind.JOIN, "uid-A"));
        add(streamId, joinA);
        add(streamId, joinA); // the same event twice in one batch
        add("not-json-" + streamId, "{not json");
        add(
                "not-a-view-" + streamId,
                envelope(
                        new LinkIssued(
                                "link-1",
                                streamId,
                                tenant,
                                StreamType.H5,
                                "weibo",
                                null,
                                null,
                                null,
                                null,
                                "key-1",
                                Instant.now(),
                                null)));
        // Valid by its schema, but PostgreSQL keeps no NUL character in text: refused by the
        // database, it alone is dead-lettered.
        add("refused-" + streamId, envelope(view(ViewKind.JOIN, "uid-\u0000")));
        add(streamId, envelope(view(ViewKind.JOIN, "uid-B")));
        add(streamId, envelope(view(ViewKind.LEAVE, "uid-B")));

        consumer.consume(new ConsumerRecords<>(Map.of(partition, batch)));

        assertCounted(2, 1);
        assertThat(reason("not-json-" + streamId)).startsWith("not JSON");
        assertThat(reason("not-a-view-" + streamId))
                .isEqualTo("a io.livelink.LinkIssued.v1 is not a view event");
        assertThat(reason("refused-" + streamId)).startsWith("the database refused it");

        // Delivered again (a restart before the offsets were committed): nothing counts twice.
        consumer.consume(new ConsumerRecords<>(Map.of(partition, batch)));
        assertCounted(2, 1);
    }

    @Test
    void theSameViewsProducedAgainAtLaterOffsetsChangeNothing() {
        String joinA = envelope(view(ViewKind.JOIN, "uid-A"));
        String joinB = envelope(view(ViewKind.JOIN, "uid-B"));
        String leaveB = envelope(view(ViewKind.LEAVE, "uid-B"));
        add(streamId, joinA);
        add(streamId, joinB);
        consumer.consume(new ConsumerRecords<>(Map.of(partition, batch)));
        assertCounted(2, 0);

        // The producer's outbox fallback sent them again (new offsets, the same views), and a
        // redelivery overlaps what was applied: each session's JOIN and LEAVE still count once.
        batch.clear();
        add(streamId, joinA);
        add(streamId, joinB);
        add(streamId, leaveB);
        add(streamId, envelope(view(ViewKind.JOIN, "uid-B")));
        add(streamId, envelope(view(ViewKind.LEAVE, "uid-B")));
        List<ConsumerRecord<String, String>> again = new ArrayList<>();
        for (ConsumerRecord<String, String> r : batch) {
            again.add(
                    new ConsumerRecord<>(partition.topic(), 0, r.offset() + 1, r.key(), r.value()));
        }
        consumer.consume(new ConsumerRecords<>(Map.of(partition, again)));
        assertCounted(2, 1);
        consumer.consume(new ConsumerRecords<>(Map.of(partition, again)));
        assertCounted(2, 1);
    }

    @Test
    void twoConsumersGivenTheSameBatchAtOnceApplyItOnce() throws Exception {
        // As two instances of one group during a rebalance: both hold the partition's records,
        // the stored offset's row lock lets one apply them and the other skip them.
        for (int v = 0; v < 50; v++) {
            add(streamId, envelope(view(ViewKind.JOIN, "uid-" + v)));
            add(streamId, envelope(view(ViewKind.LEAVE, "uid-" + v)));
        }
        ConsumerRecords<String, String> records = new ConsumerRecords<>(Map.of(partition, batch));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                done.add(
                        two.submit(
                                () -> {
                                    start.await();
                                    consumer.consume(records);
                                    return null;
                                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            two.shutdownNow();
        }
        assertCounted(50, 50);
    }

    /** The stream's totals, and the per-second counts the windows are computed from. */
    private void assertCounted(int joins, int leaves) {
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/streams/" + streamId + "/views")
                .then()
                .statusCode(200)
                .body("views", is(joins))
                .body("leaves", is(leaves));
        assertThat(secondCountsOf(streamId)).isEqualTo(joins + leaves);
    }

    private void add(String key, String value) {
        batch.add(new ConsumerRecord<>(partition.topic(), 0, batch.size(), key, value));
    }

    private String reason(String key) {
        Header reason =
                kafka.awaitRawRecord(Topics.DEAD_LETTER, r -> key.equals(r.key()), WAIT)
                        .headers()
                        .lastHeader("dead-letter-reason");
        assertThat(reason).as("dead-letter-reason of " + key).isNotNull();
        return new String(reason.value(), StandardCharsets.UTF_8);
    }

    private long secondCountsOf(String stream) {
        return StoredRows.number(
                entityManager,
                "select sum(joins + leaves) from stream_second_count where stream_id = :s",
                Map.of("s", stream));
    }

    private static String envelope(LiveLinkEvent event) {
        return EventCodec.encode(
                EventCodec.envelope(event, UUID.randomUUID().toString(), "/t", Instant.now()));
    }

    private ViewEvent view(ViewKind kind, String viewer) {
        return ViewFixtures.miniProgram(
                tenant, streamId, kind, viewer, "session-" + viewer, Instant.now());
    }
}
