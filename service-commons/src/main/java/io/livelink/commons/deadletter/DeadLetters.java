package io.livelink.commons.deadletter;

import io.livelink.commons.messaging.EventMessages;
import io.livelink.commons.messaging.TraceContext;
import io.livelink.events.Topics;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends records a batch consumer could not apply to {@code livelink.dead-letter}, unchanged, with
 * the headers the connector's own dead-letter strategy writes ({@code dead-letter-reason}, {@code
 * -topic}, {@code -partition}, {@code -offset}). The connector's strategy cannot be used for
 * batches: it would dead-letter every record of the batch. Each is counted ({@link
 * DeadLetterCount}) once the broker has it.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String CHANNEL = "dead-letters";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    /** A record and why it was refused. */
    public record Refused(ConsumerRecord<String, String> record, String reason) {}

    private final Emitter<String> kafka;
    private final DeadLetterCount count;

    public DeadLetters(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                    Emitter<String> kafka,
            DeadLetterCount count) {
        this.kafka = kafka;
        this.count = count;
    }

    /**
     * Sends them all and waits until the broker has them, so the batch's offsets are committed only
     * after its refused records are safe.
     */
    public void sendAll(List<Refused> refused) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (Refused r : refused) {
            acks.add(send(r));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "dead-letter topic did not take " + refused.size() + " records", e);
        }
        refused.forEach(r -> count.of(r.record().topic()).increment());
    }

    private CompletableFuture<Void> send(Refused refused) {
        ConsumerRecord<String, String> record = refused.record();
        // The original headers stay (content-type: a CloudEvents reader still reads a well-formed
        // event that was refused for other reasons), followed by why and where it came from.
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(KafkaDeadLetterQueue.DEAD_LETTER_REASON, bytes(refused.reason()));
        headers.add(KafkaDeadLetterQueue.DEAD_LETTER_TOPIC, bytes(record.topic()));
        headers.add(
                KafkaDeadLetterQueue.DEAD_LETTER_PARTITION,
                bytes(Integer.toString(record.partition())));
        headers.add(KafkaDeadLetterQueue.DEAD_LETTER_OFFSET, bytes(Long.toString(record.offset())));
        return EventMessages.send(
                kafka,
                EventMessages.message(
                        Topics.DEAD_LETTER,
                        record.key(),
                        record.value(),
                        headers,
                        TraceContext.of(record.headers()).toContext()));
    }

    private static byte[] bytes(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
