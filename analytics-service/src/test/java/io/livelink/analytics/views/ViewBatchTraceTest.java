package io.livelink.analytics.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livelink.analytics.ViewFixtures;
import io.livelink.events.Topics;
import io.livelink.events.ViewKind;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The batch that counts a view event belongs to the trace the event was sent in (its {@code
 * traceparent} header): the end of a resolve's trace.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ViewBatchTraceTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String streamId = UUID.randomUUID().toString();

    @Test
    void theBatchThatCountsAViewEventIsPartOfTheTraceItWasSentIn() {
        String traceId = randomHex(16);
        String sendSpanId = randomHex(8);
        ProducerRecord<String, String> join =
                EventsOnKafka.recordOf(
                        ViewFixtures.miniProgram(
                                tenant, streamId, ViewKind.JOIN, "o-1", "v-1", Instant.now()));
        join.headers()
                .add(
                        "traceparent",
                        ("00-" + traceId + "-" + sendSpanId + "-01")
                                .getBytes(StandardCharsets.UTF_8));
        kafka.publishRecords(List.of(join));

        ViewFixtures.awaitJoins(tenant, streamId, 1);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> {
                            List<SpanData> trace = TestSpans.ofTrace(traceId);
                            assertThat(trace).as("spans of the sender's trace").hasSize(1);
                            SpanData counted = trace.get(0);
                            assertThat(counted.getKind()).isEqualTo(SpanKind.CONSUMER);
                            assertThat(counted.getName())
                                    .isEqualTo("process " + Topics.VIEW_EVENTS + " record");
                            assertThat(counted.getParentSpanId()).isEqualTo(sendSpanId);
                            // ... linked to the batch's own span, which links back to the event.
                            LinkData toBatch = counted.getLinks().get(0);
                            SpanData batch = spanById(toBatch.getSpanContext().getSpanId());
                            assertThat(batch.getName()).isEqualTo("process " + Topics.VIEW_EVENTS);
                            assertThat(batch.getLinks())
                                    .anySatisfy(
                                            link ->
                                                    assertThat(link.getSpanContext().getTraceId())
                                                            .isEqualTo(traceId));
                        });
    }

    private static SpanData spanById(String spanId) {
        return TestSpans.all().stream()
                .filter(span -> span.getSpanId().equals(spanId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + spanId));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
