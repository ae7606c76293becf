package io.livelink.commons.messaging;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Traces a consumer that applies a polled batch of records at once, where the connector's
 * per-record tracing does not apply (and would cost a span per event on the hot path whether
 * sampled or not). The batch gets one {@code process} span, linked to the record contexts; each
 * record that arrived in a sampled trace also gets a span in <em>its</em> trace, covering the batch
 * that applied it and linked to the batch span, so a resolve's trace ends with the batch that
 * counted its view event.
 */
@ApplicationScoped
public class BatchTraces {

    /** Links per batch span at most: the SDK keeps 128 by default and drops the rest. */
    private static final int MAX_LINKS = 128;

    private final Tracer tracer;
    private final boolean tracing;

    public BatchTraces(
            OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
                    boolean sdkDisabled) {
        this.tracer = openTelemetry.getTracer("io.livelink.batches");
        this.tracing = !sdkDisabled;
    }

    /** Runs {@code work} for the batch inside its span; failures are recorded and rethrown. */
    public <K, V> void process(
            String topic, Iterable<ConsumerRecord<K, V>> records, Runnable work) {
        if (!tracing) {
            // Not even the headers are read: this is the hot path of analytics' ingestion.
            work.run();
            return;
        }
        List<SpanContext> sampled = new ArrayList<>();
        for (ConsumerRecord<K, V> record : records) {
            SpanContext context =
                    Span.fromContext(TraceContext.of(record.headers()).toContext())
                            .getSpanContext();
            if (context.isValid() && context.isSampled()) {
                sampled.add(context);
            }
        }
        Instant start = Instant.now();
        var builder =
                tracer.spanBuilder("process " + topic)
                        .setSpanKind(SpanKind.CONSUMER)
                        .setParent(Context.root())
                        .setAttribute("messaging.system", "kafka")
                        .setAttribute("messaging.destination.name", topic)
                        .setAttribute("messaging.operation.type", "process");
        sampled.stream().limit(MAX_LINKS).forEach(builder::addLink);
        Span batch = builder.startSpan();
        try (Scope ignored = batch.makeCurrent()) {
            work.run();
        } catch (RuntimeException | Error e) {
            batch.recordException(e);
            batch.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            Instant end = Instant.now();
            batch.end(end.toEpochMilli(), TimeUnit.MILLISECONDS);
            for (SpanContext record : sampled) {
                tracer.spanBuilder("process " + topic + " record")
                        .setSpanKind(SpanKind.CONSUMER)
                        .setParent(Context.root().with(Span.wrap(record)))
                        .addLink(batch.getSpanContext())
                        .setAttribute("messaging.system", "kafka")
                        .setAttribute("messaging.destination.name", topic)
                        .setStartTimestamp(start.toEpochMilli(), TimeUnit.MILLISECONDS)
                        .startSpan()
                        .end(end.toEpochMilli(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
