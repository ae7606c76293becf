package io.livelink.testsupport;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Where a service under test exports its spans: memory, as tests run without an OTLP collector
 * (Quarkus uses every {@code SpanExporter} bean). Only the latest spans are kept, so a whole
 * suite's requests do not pile up.
 */
@Singleton
@Unremovable // looked up dynamically (CDI.select), which ArC's unused-bean removal cannot see
public class TestSpans implements SpanExporter {

    private static final int KEPT = 20_000;
    private static final ConcurrentLinkedDeque<SpanData> SPANS = new ConcurrentLinkedDeque<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        SPANS.addAll(spans);
        while (SPANS.size() > KEPT) {
            SPANS.pollFirst();
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    /** The spans exported so far in this JVM (the latest ones). */
    public static List<SpanData> all() {
        return List.copyOf(SPANS);
    }

    /** The spans exported so far in this JVM (latest ones) that belong to the trace. */
    public static List<SpanData> ofTrace(String traceId) {
        return SPANS.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }
}
