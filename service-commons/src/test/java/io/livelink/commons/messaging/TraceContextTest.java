package io.livelink.commons.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** A trace context survives the outbox row and a record's headers as W3C strings. */
class TraceContextTest {

    private static final SpanContext REQUEST =
            SpanContext.create(
                    "4bf92f3577b34da6a3ce929d0e0e4736",
                    "00f067aa0ba902b7",
                    TraceFlags.getSampled(),
                    TraceState.getDefault());

    @Test
    void theCurrentContextTravelsThroughHeadersAndComesBackAsTheSameSpan() {
        TraceContext captured;
        try (Scope ignored = Context.root().with(Span.wrap(REQUEST)).makeCurrent()) {
            captured = TraceContext.current();
        }
        assertThat(captured.traceparent())
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        RecordHeaders headers = new RecordHeaders();
        captured.writeTo(headers);
        SpanContext restored =
                Span.fromContext(TraceContext.of(headers).toContext()).getSpanContext();

        assertThat(restored.getTraceId()).isEqualTo(REQUEST.getTraceId());
        assertThat(restored.getSpanId()).isEqualTo(REQUEST.getSpanId());
        assertThat(restored.isSampled()).isTrue();
        assertThat(restored.isRemote()).isTrue();
    }

    @Test
    void outsideATraceNothingIsWrittenAndTheRootContextContinues() {
        TraceContext none = TraceContext.current();

        assertThat(none.traceparent()).isNull();
        assertThat(none.writeTo(new RecordHeaders()).toArray()).isEmpty();
        assertThat(Span.fromContext(none.toContext()).getSpanContext().isValid()).isFalse();
    }
}
