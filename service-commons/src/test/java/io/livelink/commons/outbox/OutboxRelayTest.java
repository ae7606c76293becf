package io.livelink.commons.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.livelink.events.EventCodec;
import io.livelink.events.EventType;
import io.livelink.events.MemberLeft;
import io.livelink.events.Topics;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox against the real broker and database: what a transaction commits is sent
 * and then removed from the outbox, what it rolls back is never sent, what a crashed relay left
 * behind is swept up, and one key's events keep their order.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class OutboxRelayTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "outbox-" + UUID.randomUUID();

    @Inject EventPublisher publisher;
    @Inject OutboxProbe outbox;

    @Test
    void aCommittedEventIsSentAsACloudEventAndThenLeavesTheOutbox() {
        String id = publishCommitted("alice");

        MemberLeft sent =
                kafka.awaitEvent(
                        MemberLeft.class, e -> e.tenantId().equals(tenant), Duration.ofSeconds(20));
        assertThat(sent.memberId()).isEqualTo("alice");
        var record =
                kafka.awaitRawRecord(
                        EventType.MEMBER_LEFT.topic(),
                        r -> EventCodec.decode(r.value()).id().equals(id),
                        Duration.ofSeconds(20));
        assertThat(record.key()).isEqualTo(tenant);
        assertThat(EventCodec.decode(record.value()).source())
                .isEqualTo("/livelink/service-commons-test");
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.waiting(id) == 0);
    }

    @Test
    void anEventOfARolledBackTransactionIsNeverSent() {
        QuarkusTransaction.begin();
        try {
            publisher.publish(new MemberLeft(tenant, "ghost", Instant.now()));
        } finally {
            QuarkusTransaction.rollback();
        }
        publishCommitted("after");

        // Same key, same partition: had the rolled-back event been sent, it would come first.
        List<MemberLeft> sent =
                kafka.awaitEvents(
                        MemberLeft.class,
                        e -> e.tenantId().equals(tenant),
                        1,
                        Duration.ofSeconds(20));
        assertThat(sent).extracting(MemberLeft::memberId).containsExactly("after");
        assertThatThrownBy(
                        () ->
                                kafka.awaitEvents(
                                        MemberLeft.class,
                                        e -> e.tenantId().equals(tenant),
                                        2,
                                        Duration.ofSeconds(3)))
                .hasMessageContaining("found 1");
    }

    @Test
    void aMessageACrashedRelayLeftBehindIsSweptUp() {
        // Stored without waking the relay, as if its instance died between commit and send.
        String id = UUID.randomUUID().toString();
        String payload =
                EventCodec.encode(
                        EventCodec.envelope(
                                new MemberLeft(tenant, "left-behind", Instant.now()),
                                id,
                                "/livelink/crashed",
                                Instant.now()));
        String stored = outbox.storeRaw(EventType.MEMBER_LEFT.topic(), tenant, payload);

        kafka.awaitEvent(
                MemberLeft.class,
                e -> e.tenantId().equals(tenant) && e.memberId().equals("left-behind"),
                Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.waiting(stored) == 0);
    }

    @Test
    void oneKeysEventsArriveInTheOrderTheyWereCommitted() {
        List<String> members = IntStream.range(0, 30).mapToObj(i -> "m" + i).toList();
        members.forEach(this::publishCommitted);

        List<MemberLeft> sent =
                kafka.awaitEvents(
                        MemberLeft.class,
                        e -> e.tenantId().equals(tenant),
                        members.size(),
                        Duration.ofSeconds(30));
        assertThat(sent).extracting(MemberLeft::memberId).containsExactlyElementsOf(members);
    }

    @Test
    void eventsPublishedTogetherArriveInTheirOrderEachUnderItsId() {
        List<MemberLeft> events =
                IntStream.range(0, 200)
                        .mapToObj(i -> new MemberLeft(tenant, "together-" + i, Instant.now()))
                        .toList();
        List<String> ids =
                QuarkusTransaction.requiringNew().call(() -> publisher.publishAll(events));

        List<MemberLeft> sent =
                kafka.awaitEvents(
                        MemberLeft.class,
                        e -> e.tenantId().equals(tenant) && e.memberId().startsWith("together-"),
                        events.size(),
                        Duration.ofSeconds(30));
        assertThat(sent)
                .extracting(MemberLeft::memberId)
                .containsExactlyElementsOf(events.stream().map(MemberLeft::memberId).toList());
        String lastId = ids.get(ids.size() - 1);
        ConsumerRecord<String, String> last =
                kafka.awaitRawRecord(
                        Topics.DIRECTORY_EVENTS,
                        r -> EventCodec.decode(r.value()).id().equals(lastId),
                        Duration.ofSeconds(10));
        assertThat(((MemberLeft) EventCodec.data(EventCodec.decode(last.value()))).memberId())
                .isEqualTo("together-199");
        assertThat(ids).doesNotHaveDuplicates();
    }

    private String publishCommitted(String member) {
        return QuarkusTransaction.requiringNew()
                .call(() -> publisher.publish(new MemberLeft(tenant, member, Instant.now())));
    }
}
