package io.livelink.platform;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What an OpenTelemetry collector is to the services, for a test: it accepts OTLP/HTTP protobuf
 * exports on loopback and keeps the spans, so a test can follow one trace across the processes.
 */
final class OtlpTraceReceiver implements AutoCloseable {

    /** A span as a trace viewer shows it: which service, which trace, which parent. */
    record ReceivedSpan(
            String service,
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            Span.SpanKind kind) {}

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final ConcurrentLinkedQueue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();

    OtlpTraceReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    try (InputStream body = exchange.getRequestBody()) {
                        keep(ExportTraceServiceRequest.parseFrom(body));
                        byte[] answer =
                                ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                        exchange.sendResponseHeaders(200, answer.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(answer);
                        }
                    } catch (IOException | RuntimeException | LinkageError e) {
                        System.out.println(
                                "OTLP receiver: unreadable export to "
                                        + exchange.getRequestURI()
                                        + ": "
                                        + e);
                        exchange.sendResponseHeaders(400, -1);
                    } finally {
                        exchange.close();
                    }
                });
        server.start();
    }

    /** The settings that make a LiveLink service export its spans here. */
    Map<String, String> serviceEnvironment() {
        return Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                        "http://127.0.0.1:" + server.getAddress().getPort(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
    }

    int received() {
        return spans.size();
    }

    List<ReceivedSpan> ofTrace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void keep(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service =
                    resource.getResource().getAttributesList().stream()
                            .filter(attribute -> attribute.getKey().equals("service.name"))
                            .map(KeyValue::getValue)
                            .map(value -> value.getStringValue())
                            .findFirst()
                            .orElse("?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    spans.add(
                            new ReceivedSpan(
                                    service,
                                    HEX.formatHex(span.getTraceId().toByteArray()),
                                    HEX.formatHex(span.getSpanId().toByteArray()),
                                    HEX.formatHex(span.getParentSpanId().toByteArray()),
                                    span.getName(),
                                    span.getKind()));
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
