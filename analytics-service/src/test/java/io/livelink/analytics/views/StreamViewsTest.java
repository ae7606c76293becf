package io.livelink.analytics.views;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.livelink.analytics.ViewFixtures;
import io.livelink.events.CloudEventRecords;
import io.livelink.events.Device;
import io.livelink.events.EventCodec;
import io.livelink.events.LinkRevoked;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.events.Topics;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.testsupport.CloudEventsSdk;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructure;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class StreamViewsTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String streamId = UUID.randomUUID().toString();

    @Test
    void joinsAreCountedOnceEvenWhenDeliveredTwice() {
        ViewEvent join = view(ViewKind.JOIN, "uid-1");
        String duplicated =
                EventCodec.encode(
                        EventCodec.envelope(
                                join, UUID.randomUUID().toString(), "/t", Instant.now()));
        kafka.publishRaw(Topics.VIEW_EVENTS, streamId, duplicated);
        kafka.publishRaw(Topics.VIEW_EVENTS, streamId, duplicated);
        kafka.publish(view(ViewKind.JOIN, "uid-2"));
        kafka.publish(view(ViewKind.HEARTBEAT, "uid-2"));
        kafka.publish(view(ViewKind.LEAVE, "uid-2"));
        // A marker that arrives after all of the above on the same partition.
        kafka.publish(view(ViewKind.JOIN, "uid-3"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                given().auth()
                                        .oauth2(TestTokens.tenantAdmin(tenant))
                                        .get("/streams/" + streamId + "/views")
                                        .then()
                                        .statusCode(200)
                                        .body("views", is(3))
                                        .body("leaves", is(1))
                                        .body("streamType", is("H5")));
    }

    @Test
    void anotherTenantSees404() {
        kafka.publish(view(ViewKind.JOIN, "uid-1"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                given().auth()
                                        .oauth2(TestTokens.tenantAdmin(tenant))
                                        .get("/streams/" + streamId + "/views")
                                        .then()
                                        .statusCode(200));
        given().auth()
                .oauth2(TestTokens.tenantAdmin("other-" + tenant))
                .get("/streams/" + streamId + "/views")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void malformedViewRecordIsDeadLetteredAndCountingGoesOn() {
        kafka.publishRaw(Topics.VIEW_EVENTS, streamId, "{\"specversion\":\"1.0\"}");
        kafka.publish(view(ViewKind.JOIN, "uid-1"));

        ViewFixtures.awaitJoins(tenant, streamId, 1);
        Header reason =
                kafka.awaitRawRecord(
                                Topics.DEAD_LETTER,
                                r -> streamId.equals(r.key()),
                                Duration.ofSeconds(20))
                        .headers()
                        .lastHeader("dead-letter-reason");
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).startsWith("envelope: ");
    }

    @Test
    void anotherEventOnTheViewTopicIsDeadLetteredAsItCameAndStillReadsAsACloudEvent() {
        ProducerRecord<String, String> stray =
                CloudEventRecords.record(
                        new LinkRevoked("link-1", streamId, tenant, "test", Instant.now()),
                        UUID.randomUUID().toString(),
                        "/livelink/test",
                        Instant.now());
        kafka.publishRecords(
                List.of(
                        new ProducerRecord<>(
                                Topics.VIEW_EVENTS,
                                null,
                                stray.key(),
                                stray.value(),
                                stray.headers())));

        ConsumerRecord<String, String> dead =
                kafka.awaitRawRecord(
                        Topics.DEAD_LETTER, r -> streamId.equals(r.key()), Duration.ofSeconds(20));

        // The original record: key, value and headers as they came, and why it is here.
        assertThat(dead.value()).isEqualTo(stray.value());
        assertThat(CloudEventRecords.isStructuredJson(dead.headers())).isTrue();
        assertThat(text(dead, "dead-letter-reason"))
                .isEqualTo("a io.livelink.LinkRevoked.v1 is not a view event");
        assertThat(text(dead, "dead-letter-topic")).isEqualTo(Topics.VIEW_EVENTS);
        // So a downstream consumer of the dead letters reads it with the CloudEvents SDK.
        CloudEventsSdk.assertReadableByAnSdkConsumer(
                RealInfrastructure.shared().kafkaBootstrapServers(),
                dead,
                EventCodec.decode(stray.value()));
    }

    private static String text(ConsumerRecord<String, String> record, String header) {
        Header found = record.headers().lastHeader(header);
        assertThat(found).as(header).isNotNull();
        return new String(found.value(), StandardCharsets.UTF_8);
    }

    private ViewEvent view(ViewKind kind, String viewer) {
        return new ViewEvent(
                streamId,
                tenant,
                StreamType.H5,
                "link-1",
                viewer,
                ViewerIdKind.CLOUD_UID,
                "session-" + viewer,
                kind,
                Playback.LIVE,
                Device.PC,
                "weibo",
                "weibo",
                null,
                null,
                Instant.now());
    }
}
