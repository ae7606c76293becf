package io.livelink.link.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.events.Topics;
import io.livelink.link.LinkFixtures;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * A resolve and the ViewEvent it sends are one trace: the W3C trace context of the request travels
 * through the outbox into the record's {@code traceparent} header, where analytics-service picks it
 * up.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ResolveTraceTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @Test
    void theJoinRecordOfAResolveCarriesTheResolvesTraceToItsSend() {
        // The caller's trace (a gateway or a traced player): the resolve continues it.
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);

        String[] traceparent = traceparentOfTheJoin("00-" + traceId + "-" + callerSpanId + "-01");
        assertThat(traceparent[1]).as("trace id of the record").isEqualTo(traceId);
        assertThat(traceparent[3]).as("sampled").isEqualTo("01");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> {
                            List<SpanData> trace = TestSpans.ofTrace(traceId);
                            SpanData resolve = only(trace, SpanKind.SERVER);
                            SpanData send = only(trace, SpanKind.PRODUCER);
                            assertThat(resolve.getParentSpanId()).isEqualTo(callerSpanId);
                            assertThat(resolve.getName()).contains("/s/");
                            // The send happened after the commit, on the relay's thread, yet is
                            // the resolve's child, and the record names it as its parent.
                            assertThat(send.getParentSpanId()).isEqualTo(resolve.getSpanId());
                            assertThat(send.getSpanId()).isEqualTo(traceparent[2]);
                            assertThat(send.getName()).contains(Topics.VIEW_EVENTS);
                        });
    }

    /**
     * A caller whose trace is not sampled: no send span is built for it, and the record carries the
     * caller's trace, still unsampled, so whoever reads it does not start a sampled trace.
     */
    @Test
    void theJoinRecordOfAnUnsampledResolveCarriesTheCallersTraceUnsampled() {
        String traceId = randomHex(16);

        String[] traceparent = traceparentOfTheJoin("00-" + traceId + "-" + randomHex(8) + "-00");
        assertThat(traceparent[1]).as("trace id of the record").isEqualTo(traceId);
        assertThat(traceparent[3]).as("not sampled").isEqualTo("00");
        assertThat(TestSpans.ofTrace(traceId)).as("spans of an unsampled trace").isEmpty();
    }

    /** Resolves a new link with the caller's traceparent; the JOIN record's, split at '-'. */
    private String[] traceparentOfTheJoin(String callersTraceparent) {
        TenantFixtures.qualifiedTenant(kafka, tenant, BroadcastPolicy.ALL_MEMBERS, StreamType.H5);
        String streamId = LinkFixtures.stream(tenant, "H5");
        String url =
                LinkFixtures.issue(tenant, streamId, "weibo").statusCode(201).extract().path("url");

        String sessionId =
                given().header("traceparent", callersTraceparent)
                        .get(LinkFixtures.pathOf(url))
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("viewSessionId");

        ConsumerRecord<String, String> join =
                kafka.awaitRawRecord(
                        Topics.VIEW_EVENTS,
                        r -> r.value().contains(sessionId),
                        Duration.ofSeconds(20));
        return text(join.headers().lastHeader("traceparent")).split("-");
    }

    private static SpanData only(List<SpanData> spans, SpanKind kind) {
        List<SpanData> ofKind = spans.stream().filter(s -> s.getKind() == kind).toList();
        assertThat(ofKind).as(kind + " spans of the trace").hasSize(1);
        return ofKind.get(0);
    }

    private static String text(Header header) {
        assertThat(header).as("traceparent header").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
