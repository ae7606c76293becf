package io.livelink.commons.outbox;

import io.livelink.commons.messaging.EventMessages;
import io.livelink.events.CloudEventRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends committed outbox messages to Kafka and deletes each once the broker acknowledged it
 * (acks=all). Woken right after each commit; a periodic sweep picks up whatever an earlier attempt
 * could not send (broker down) or another instance left behind. Rows are claimed with {@code FOR
 * UPDATE SKIP LOCKED}, so several instances relay without sending a row twice.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "outbox";

    private final Emitter<String> kafka;
    private final EntityManager entityManager;
    private final int batchSize;
    private final Duration sendTimeout;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread thread = new Thread(r, "outbox-relay");
                        thread.setDaemon(true);
                        return thread;
                    });
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final Counter sent;
    private final Counter notAcknowledged;

    public OutboxRelay(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                    Emitter<String> kafka,
            EntityManager entityManager,
            OutboxSettings settings,
            MeterRegistry registry) {
        this.kafka = kafka;
        this.entityManager = entityManager;
        this.batchSize = settings.batchSize();
        this.sendTimeout = settings.sendTimeout();
        this.sent =
                Counter.builder("livelink.outbox.sent")
                        .description("Outbox events Kafka acknowledged (and the relay deleted)")
                        .register(registry);
        this.notAcknowledged =
                Counter.builder("livelink.outbox.send.failures")
                        .description("Outbox sends Kafka did not acknowledge; they are retried")
                        .register(registry);
    }

    /** Asks for a drain soon; calls while one is queued coalesce into it. */
    public void wakeUp() {
        if (!worker.isShutdown() && drainQueued.compareAndSet(false, true)) {
            worker.execute(
                    () -> {
                        drainQueued.set(false);
                        drain();
                    });
        }
    }

    @Scheduled(
            every = "${livelink.outbox.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        wakeUp();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        worker.shutdown();
    }

    /** Relays batches until the outbox is empty or a send fails. */
    void drain() {
        try {
            int relayed;
            do {
                relayed = QuarkusTransaction.requiringNew().call(this::relayOneBatch);
            } while (relayed == batchSize);
        } catch (RuntimeException e) {
            Log.warnf("outbox relay paused, will retry: %s", e.getMessage());
        }
    }

    private int relayOneBatch() throws Exception {
        @SuppressWarnings("unchecked")
        List<OutboxMessage> batch =
                entityManager
                        .createNativeQuery(
                                "select * from outbox_message order by seq limit :limit"
                                        + " for update skip locked",
                                OutboxMessage.class)
                        .setParameter("limit", batchSize)
                        .getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxMessage message : batch) {
            acks.add(send(message));
        }
        List<Long> acknowledged = new ArrayList<>(batch.size());
        Exception firstFailure = null;
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (int i = 0; i < batch.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(batch.get(i).seq);
            } catch (Exception e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (!acknowledged.isEmpty()) {
            entityManager
                    .createNativeQuery("delete from outbox_message where seq in (:seqs)")
                    .setParameter("seqs", acknowledged)
                    .executeUpdate();
        }
        sent.increment(acknowledged.size());
        if (firstFailure != null) {
            notAcknowledged.increment(batch.size() - acknowledged.size());
            Log.warnf(
                    "outbox: %d of %d events not acknowledged by Kafka yet (%s); they stay queued",
                    batch.size() - acknowledged.size(), batch.size(), firstFailure.toString());
            return 0;
        }
        return batch.size();
    }

    private CompletableFuture<Void> send(OutboxMessage message) {
        return EventMessages.send(
                kafka,
                EventMessages.message(
                        message.topic,
                        message.messageKey,
                        message.payload,
                        CloudEventRecords.headers(),
                        message.trace().toContext()));
    }
}
