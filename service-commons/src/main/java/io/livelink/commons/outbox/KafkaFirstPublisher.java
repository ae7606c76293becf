package io.livelink.commons.outbox;

import io.livelink.commons.messaging.TraceContext;
import io.livelink.events.CloudEventRecords;
import io.livelink.events.LiveLinkEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes events that change no database state (view events) straight to Kafka, for the hot paths
 * that must not cost a database commit per request. The returned stage completes once the broker
 * has acknowledged the record (idempotent producer, acks=all); when it has not within {@code
 * livelink.kafka-first.ack-timeout}, or refuses at once (broker away, buffer full), the event is
 * committed to the transactional outbox instead and the stage completes after that commit, so a
 * caller that answers on completion never loses an event. The fallback can deliver an event twice
 * (Kafka acknowledges late after all): both copies carry the same CloudEvents id and consumers
 * apply them idempotently. The stage fails only when neither Kafka nor the database took the event.
 */
@ApplicationScoped
public class KafkaFirstPublisher {

    private final Map<String, Object> kafkaConfig;
    private final OutboxFallback outbox;
    private final Clock clock;
    private final Duration ackTimeout;
    private final String source;
    private final Map<String, String> producerOverrides;
    private final Counter acknowledged;
    private final Counter fellBack;
    private final Tracer tracer;
    private volatile KafkaProducer<String, String> producer;
    private final long ackTimeoutNanos;
    private final Queue<Deadline> deadlines = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread thread = new Thread(r, "kafka-first-deadlines");
                        thread.setDaemon(true);
                        return thread;
                    });

    public KafkaFirstPublisher(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            OutboxFallback outbox,
            Clock clock,
            MeterRegistry metrics,
            OpenTelemetry openTelemetry,
            KafkaFirstSettings settings,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.kafkaConfig = kafkaConfig;
        this.outbox = outbox;
        this.clock = clock;
        this.ackTimeout = settings.ackTimeout();
        this.source = "/livelink/" + applicationName;
        Map<String, String> overrides = new HashMap<>();
        overrides.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(settings.lingerMs()));
        // Normally the shared kafka.bootstrap.servers; its own only to test the outbox path.
        settings.bootstrapServers()
                .ifPresent(
                        servers -> overrides.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
        this.producerOverrides = Map.copyOf(overrides);
        this.acknowledged =
                metrics.counter("livelink.kafka.first.events", "outcome", "acknowledged");
        this.fellBack = metrics.counter("livelink.kafka.first.events", "outcome", "outbox");
        this.tracer = openTelemetry.getTracer("io.livelink.kafka-first");
        this.ackTimeoutNanos = ackTimeout.toNanos();
        long sweep = Math.max(5, Math.min(50, ackTimeout.toMillis() / 10));
        timer.scheduleWithFixedDelay(this::expireOverdue, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** Publishes the event; the stage completes once Kafka or the outbox holds it. */
    public CompletionStage<Void> publish(LiveLinkEvent event) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        ProducerRecord<String, String> record = CloudEventRecords.record(event, id, source, now);
        TraceContext caller = TraceContext.current();
        Span send = sendSpan(record, caller);
        CompletableFuture<Void> kafkaAck = new CompletableFuture<>();
        try {
            producer()
                    .send(
                            record,
                            (metadata, failure) -> {
                                if (failure == null) {
                                    kafkaAck.complete(null);
                                } else {
                                    kafkaAck.completeExceptionally(failure);
                                }
                            });
        } catch (RuntimeException refusedAtOnce) {
            // Buffer full or no metadata (max.block.ms=0): the broker is away; don't wait for it.
            kafkaAck.completeExceptionally(refusedAtOnce);
        }
        deadlines.add(new Deadline(System.nanoTime() + ackTimeoutNanos, kafkaAck));
        return kafkaAck.handle(
                        (ok, failure) -> {
                            if (failure == null) {
                                acknowledged.increment();
                                send.end();
                                return CompletableFuture.<Void>completedFuture(null);
                            }
                            fellBack.increment();
                            send.setStatus(StatusCode.ERROR, "not acknowledged: to the outbox");
                            send.end();
                            Log.debugf(
                                    "event %s not acknowledged by Kafka (%s): to the outbox",
                                    id, failure.toString());
                            return outbox.store(
                                    new OutboxFallback.Pending(
                                            id,
                                            record.topic(),
                                            record.key(),
                                            record.value(),
                                            now,
                                            caller));
                        })
                .thenCompose(stage -> stage);
    }

    /**
     * The send as the caller's child span when the caller's trace is sampled (or its span records),
     * with the record naming the send as its parent (W3C). Otherwise no span: building one was ~6 %
     * of a resolve, for a span nobody keeps; the record carries the caller's own context, if any,
     * so an unsampled trace still goes on unsampled.
     */
    private Span sendSpan(ProducerRecord<String, String> record, TraceContext caller) {
        Span callerSpan = Span.current();
        if (!callerSpan.isRecording() && !callerSpan.getSpanContext().isSampled()) {
            caller.writeTo(record.headers());
            return Span.getInvalid();
        }
        Span send =
                tracer.spanBuilder(record.topic() + " publish")
                        .setSpanKind(SpanKind.PRODUCER)
                        .setAttribute("messaging.system", "kafka")
                        .setAttribute("messaging.destination.name", record.topic())
                        .startSpan();
        try (Scope scope = send.makeCurrent()) {
            TraceContext.current().writeTo(record.headers());
        }
        return send;
    }

    /** When a send stops waiting for Kafka. */
    private record Deadline(long nanos, CompletableFuture<Void> ack) {}

    /**
     * Sends not acknowledged in time: every send waits the same time, so the queue is in deadline
     * order and one sweep every few milliseconds expires its head. (CompletableFuture.orTimeout
     * would schedule a task per send on one shared, locked delay queue.)
     */
    private void expireOverdue() {
        long now = System.nanoTime();
        for (Deadline head = deadlines.peek();
                head != null && head.nanos() - now <= 0;
                head = deadlines.peek()) {
            deadlines.poll();
            head.ack()
                    .completeExceptionally(
                            new TimeoutException("no acknowledgement within " + ackTimeout));
        }
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    current = new KafkaProducer<>(producerConfig());
                    producer = current;
                }
            }
        }
        return current;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        // Only the connection settings of the shared kafka.* configuration (bootstrap servers,
        // security); the rest is this producer's own.
        kafkaConfig.forEach(
                (key, value) -> {
                    if (key.equals("bootstrap.servers")
                            || key.startsWith("security.")
                            || key.startsWith("sasl.")
                            || key.startsWith("ssl.")) {
                        config.put(key, value);
                    }
                });
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "kafka-first-" + source.substring(10));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        // Never block the caller's thread: without metadata or buffer space, send() throws and
        // the event goes to the outbox.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "0");
        long requestTimeout = Math.max(1_000, ackTimeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(requestTimeout));
        // Give up on a record soon after the caller stopped waiting for it: the longer Kafka keeps
        // retrying, the more records arrive twice (once late, once through the outbox).
        config.put(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(Math.max(5_000, requestTimeout + 2_000)));
        producerOverrides.forEach(config::put);
        return config;
    }

    /**
     * Fetches the topic's metadata ahead of the first request, which would otherwise find none (the
     * producer never waits for it) and go to the outbox.
     */
    public void warmUp(String topic, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                producer().partitionsFor(topic);
                return;
            } catch (RuntimeException notYet) {
                // max.block.ms=0 answers at once; the producer's own thread fetches meanwhile.
                last = notYet;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Log.infof(
                "no Kafka metadata for %s yet (%s): the first events go through the outbox",
                topic, last == null ? "timeout" : last.getMessage());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        timer.shutdownNow();
        KafkaProducer<String, String> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
