package io.livelink.commons.outbox;

import io.livelink.commons.messaging.TraceContext;
import io.livelink.commons.refusal.Refused;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Commits events Kafka did not acknowledge in time to the outbox, many per transaction: while the
 * broker is away every request of a busy service lands here, and one commit per request would make
 * the database the bottleneck the Kafka-first path exists to avoid. A single writer thread takes
 * whatever has queued up (at most {@code livelink.kafka-first.fallback-batch}), commits it,
 * completes the callers' stages and wakes the relay.
 */
@ApplicationScoped
public class OutboxFallback {

    /** An event waiting to be committed to the outbox. */
    public record Pending(
            String eventId,
            String topic,
            String key,
            String payload,
            Instant createdAt,
            TraceContext trace) {}

    private record Queued(Pending event, CompletableFuture<Void> committed) {}

    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final OutboxRelay relay;
    private final OutboxRows rows;
    private final int batchSize;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopping;
    private Thread writer;

    public OutboxFallback(OutboxRelay relay, OutboxRows rows, KafkaFirstSettings settings) {
        this.relay = relay;
        this.rows = rows;
        this.batchSize = settings.fallbackBatch();
    }

    /** Queues the event; the stage completes once it is committed to the outbox. */
    public CompletableFuture<Void> store(Pending event) {
        startOnce();
        CompletableFuture<Void> committed = new CompletableFuture<>();
        queue.add(new Queued(event, committed));
        return committed;
    }

    private void startOnce() {
        if (started.compareAndSet(false, true)) {
            writer = new Thread(this::writeUntilStopped, "outbox-fallback");
            writer.setDaemon(true);
            writer.start();
        }
    }

    private void writeUntilStopped() {
        List<Queued> batch = new ArrayList<>(batchSize);
        while (!stopping || !queue.isEmpty()) {
            try {
                Queued first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Queued> batch) {
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> rows.insert(batch.stream().map(Queued::event).toList()));
        } catch (RuntimeException failure) {
            Log.errorf(
                    "%d events neither acknowledged by Kafka nor committed to the outbox: %s",
                    batch.size(), failure.toString());
            Refused unavailable =
                    Refused.unavailable(
                            "events-unavailable",
                            "Try again",
                            "neither Kafka nor the database took the event; nothing was"
                                    + " recorded");
            batch.forEach(queued -> queued.committed().completeExceptionally(unavailable));
            return;
        }
        batch.forEach(queued -> queued.committed().complete(null));
        relay.wakeUp();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        Thread current = writer;
        if (current != null) {
            try {
                current.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
