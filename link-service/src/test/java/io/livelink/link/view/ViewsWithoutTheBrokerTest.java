package io.livelink.link.view;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.link.LinkFixtures;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost when Kafka does not acknowledge a view: the Kafka-first producer here points at a
 * port nobody listens on (the rest of the service uses the real broker), so every view waits its
 * ack timeout, is committed to the outbox, answers, and reaches the topic through the relay.
 */
@QuarkusTest
@TestProfile(ViewsWithoutTheBrokerTest.UnreachableBroker.class)
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ViewsWithoutTheBrokerTest {

    public static class UnreachableBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "livelink.kafka-first.bootstrap-servers",
                    "127.0.0.1:" + closedPort(),
                    "livelink.kafka-first.ack-timeout",
                    "PT0.3S");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject MeterRegistry metrics;

    @Test
    void viewsKafkaDoesNotAcknowledgeGoThroughTheOutboxAndStillAnswer() {
        TenantFixtures.qualifiedTenant(kafka, tenant, BroadcastPolicy.ALL_MEMBERS, StreamType.H5);
        String stream = LinkFixtures.stream(tenant, "H5");
        String path = LinkFixtures.h5Path(tenant, stream);
        double before = outboxed();

        long start = System.nanoTime();
        String token = given().get(path).then().statusCode(200).extract().path("viewSession");
        Duration resolved = Duration.ofNanos(System.nanoTime() - start);
        given().post("/sessions/" + token + "/heartbeat").then().statusCode(200);
        given().post("/sessions/" + token + "/leave").then().statusCode(204);

        assertThat(resolved).as("answered after the ack timeout").isLessThan(Duration.ofSeconds(5));
        assertThat(outboxed() - before).isEqualTo(3);
        List<ViewEvent> events =
                kafka.awaitEvents(
                        ViewEvent.class,
                        e -> e.streamId().equals(stream),
                        3,
                        Duration.ofSeconds(30));
        assertThat(events)
                .extracting(ViewEvent::kind)
                .containsExactlyInAnyOrder(ViewKind.JOIN, ViewKind.HEARTBEAT, ViewKind.LEAVE);
    }

    private double outboxed() {
        return metrics.counter("livelink.kafka.first.events", "outcome", "outbox").count();
    }
}
