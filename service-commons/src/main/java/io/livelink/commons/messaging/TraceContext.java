package io.livelink.commons.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A trace context as W3C Trace Context strings, so it can wait in a database row (the outbox) and
 * be picked up by another thread later: the relay sends the event as part of the trace that
 * published it, not as a trace of its own.
 */
public record TraceContext(String traceparent, String tracestate) {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TraceContext NONE = new TraceContext(null, null);

    /** The caller's current trace context; both fields null outside any trace. */
    public static TraceContext current() {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            // What W3C would write for it (nothing), without the carrier map.
            return NONE;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        return new TraceContext(carrier.get("traceparent"), carrier.get("tracestate"));
    }

    /** The trace context a Kafka record carries in its headers; both fields null when none. */
    public static TraceContext of(Headers headers) {
        return new TraceContext(text(headers, "traceparent"), text(headers, "tracestate"));
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Writes this context as W3C headers onto a record a plain {@code KafkaProducer} sends (a
     * SmallRye emitter writes them itself, see {@link EventMessages}); nothing outside a trace.
     */
    public Headers writeTo(Headers headers) {
        if (traceparent != null) {
            headers.remove("traceparent").add("traceparent", bytes(traceparent));
            if (tracestate != null) {
                headers.remove("tracestate").add("tracestate", bytes(tracestate));
            }
        }
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The context to continue; the root context when there is none to continue. */
    public Context toContext() {
        if (traceparent == null) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put("traceparent", traceparent);
        if (tracestate != null) {
            carrier.put("tracestate", tracestate);
        }
        return W3C.extract(Context.root(), carrier, MAP_GETTER);
    }

    private static final TextMapGetter<Map<String, String>> MAP_GETTER =
            new TextMapGetter<>() {
                @Override
                public Iterable<String> keys(Map<String, String> carrier) {
                    return carrier.keySet();
                }

                @Override
                public String get(Map<String, String> carrier, String key) {
                    return carrier == null ? null : carrier.get(key);
                }
            };
}
