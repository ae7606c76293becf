package io.livelink.commons.consume;

import io.livelink.commons.deadletter.DeadLetterCount;
import io.livelink.commons.deadletter.DeadLetters;
import io.livelink.commons.delivery.Backoff;
import io.livelink.commons.messaging.BatchTraces;
import io.livelink.commons.sql.SqlStates;
import io.livelink.events.DecodedEvent;
import io.livelink.events.EventCodec;
import io.livelink.events.EventType;
import io.livelink.events.LiveLinkEvent;
import io.livelink.events.MalformedEventException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Every LiveLink consumer's way of applying a polled batch of records: decoded and typed once here,
 * applied by the consumer's {@link EventBatchHandler} in one transaction with what makes it exactly
 * once (its partitions' stored offsets, or its processed-event marks: {@link ExactlyOnce}).
 *
 * <ul>
 *   <li>A record that is no event, or an event the consumer cannot take (another type on a topic
 *       that should carry only its own, an id longer than the inboxes keep), goes to the
 *       dead-letter topic with the reason, counted ({@link DeadLetters}), and the rest of its batch
 *       is applied.
 *   <li>When the handler or the database refuses a batch for what is in it ({@link UnusableEvent},
 *       a SQLSTATE class 22 data exception or 23 constraint violation), its events are applied one
 *       by one so that only the offending one is dead-lettered.
 *   <li>Any other failure (database unreachable, deadlock, broker not taking a dead letter) says
 *       nothing about the events: the batch is retried with exponential back-off, never
 *       dead-lettered, until it applies or the service stops. Stopping leaves what was not applied
 *       for the next start: with stored offsets nothing was stored for it, with marks the batch is
 *       failed so the connector commits nothing for it.
 * </ul>
 */
@ApplicationScoped
public class BatchConsumer {

    /** The longest event id the inboxes ({@code processed_event}, analytics' late events) keep. */
    static final int MAX_EVENT_ID_LENGTH = 64;

    static final Backoff RETRIES = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ConsumerOffsets offsets;
    private final ProcessedEvents marks;
    private final DeadLetters deadLetters;
    private final BatchTraces traces;
    private final Backoff retries;

    @Inject
    public BatchConsumer(
            ConsumerOffsets offsets,
            ProcessedEvents marks,
            DeadLetters deadLetters,
            BatchTraces traces) {
        this(offsets, marks, deadLetters, traces, RETRIES);
    }

    BatchConsumer(
            ConsumerOffsets offsets,
            ProcessedEvents marks,
            DeadLetters deadLetters,
            BatchTraces traces,
            Backoff retries) {
        this.offsets = offsets;
        this.marks = marks;
        this.deadLetters = deadLetters;
        this.traces = traces;
        this.retries = retries;
    }

    /**
     * Applies a polled batch with the handler. Returns once every record is applied, dead-lettered
     * or (a consumer of other types' topic) ignored, or, with stored offsets, when the service
     * began stopping first.
     *
     * @throws ConsumerStopping when the service began stopping before a batch of a consumer by
     *     processed-event marks was applied, so that the connector commits no offsets for it
     */
    public <E extends LiveLinkEvent> void consume(
            ConsumerRecords<String, String> records, EventBatchHandler<E> handler) {
        Consumption<E> consumption = handler.consumption();
        String topic = String.join(",", consumption.topics());
        traces.process(topic, records, () -> consumeBatch(records, handler, consumption));
    }

    private <E extends LiveLinkEvent> void consumeBatch(
            ConsumerRecords<String, String> records,
            EventBatchHandler<E> handler,
            Consumption<E> consumption) {
        List<Decoded<E>> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            batch.add(decode(record, consumption));
        }
        if (!applyDurably(batch, handler, consumption)
                && consumption.exactlyOnce() == ExactlyOnce.PROCESSED_EVENT_MARKS) {
            throw new ConsumerStopping(consumption.consumer());
        }
    }

    /** A record as read: its event, or why it is none; neither when it is not this consumer's. */
    private record Decoded<E extends LiveLinkEvent>(
            ConsumerRecord<String, String> record, Delivered<E> event, String refusal) {

        TopicPartition partition() {
            return new TopicPartition(record.topic(), record.partition());
        }

        Decoded<E> refused(String reason) {
            return new Decoded<>(record, null, reason);
        }
    }

    static <E extends LiveLinkEvent> Delivered<E> read(
            ConsumerRecord<String, String> record, Consumption<E> consumption) {
        DecodedEvent event = EventCodec.decodeEvent(record.value());
        if (event.id().length() > MAX_EVENT_ID_LENGTH) {
            throw new MalformedEventException(
                    "event id longer than " + MAX_EVENT_ID_LENGTH + " characters");
        }
        EventType type = event.type();
        if (!consumption.applies().contains(type)) {
            if (consumption.others() == Consumption.OtherEvents.IGNORED) {
                return null;
            }
            throw new MalformedEventException(
                    "a " + type.typeName() + " is not " + what(consumption));
        }
        return new Delivered<>(event.id(), consumption.payload().cast(event.payload()), record);
    }

    private static <E extends LiveLinkEvent> Decoded<E> decode(
            ConsumerRecord<String, String> record, Consumption<E> consumption) {
        try {
            return new Decoded<>(record, read(record, consumption), null);
        } catch (MalformedEventException e) {
            return new Decoded<>(record, null, e.getMessage());
        }
    }

    /** "a view event" for a consumer of ViewEvents; else what it applies by name. */
    private static String what(Consumption<?> consumption) {
        if (consumption.payload() == LiveLinkEvent.class) {
            return "one " + consumption.consumer() + " applies";
        }
        String words = consumption.payload().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2");
        return "a " + words.toLowerCase(Locale.ROOT);
    }

    /**
     * Applies the records in one transaction, retrying what could not be done then; false when the
     * service began stopping first. With stored offsets what is left is applied after the next
     * start (its offsets were not stored, and the consumer seeks to the stored ones).
     */
    private <E extends LiveLinkEvent> boolean applyDurably(
            List<Decoded<E>> batch, EventBatchHandler<E> handler, Consumption<E> consumption) {
        if (batch.isEmpty()) {
            return true;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> applyOnce(batch, handler, consumption));
                return true;
            } catch (RuntimeException e) {
                String refusal = refusalOfContent(e);
                if (refusal != null) {
                    if (batch.size() == 1) {
                        return applyDurably(
                                List.of(batch.get(0).refused(refusal)), handler, consumption);
                    }
                    // One by one, in offset order: stopping part-way leaves only later ones.
                    for (Decoded<E> one : batch) {
                        if (!applyDurably(List.of(one), handler, consumption)) {
                            return false;
                        }
                    }
                    return true;
                }
                if (stopping()) {
                    Log.infof(
                            "stopping: %d records of %s left for the next start (%s)",
                            batch.size(), consumption.consumer(), e.toString());
                    return false;
                }
                Duration wait = retries.after(attempt);
                Log.warnf(
                        "%d records of %s not applied (attempt %d), retrying in %d ms: %s",
                        batch.size(),
                        consumption.consumer(),
                        attempt,
                        wait.toMillis(),
                        e.toString());
                if (awaitStop(wait)) {
                    Log.infof(
                            "stopping: %d records of %s left for the next start",
                            batch.size(), consumption.consumer());
                    return false;
                }
            }
        }
    }

    /**
     * In the caller's transaction: the records not applied before are applied (each event id once),
     * the refused ones dead-lettered, and the offsets or marks recorded with them.
     */
    private <E extends LiveLinkEvent> void applyOnce(
            List<Decoded<E>> batch, EventBatchHandler<E> handler, Consumption<E> consumption) {
        boolean byOffsets = consumption.exactlyOnce() == ExactlyOnce.STORED_OFFSETS;
        Map<TopicPartition, Long> next = Map.of();
        if (byOffsets) {
            Set<TopicPartition> partitions = new HashSet<>();
            batch.forEach(d -> partitions.add(d.partition()));
            next = offsets.lock(consumption.consumer(), partitions);
        }
        Map<TopicPartition, Long> after = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        List<Delivered<E>> events = new ArrayList<>();
        List<DeadLetters.Refused> refused = new ArrayList<>();
        for (Decoded<E> d : batch) {
            TopicPartition partition = d.partition();
            if (byOffsets && d.record().offset() < next.getOrDefault(partition, 0L)) {
                continue; // applied before
            }
            after.merge(partition, d.record().offset() + 1, Math::max);
            if (d.refusal() != null) {
                refused.add(new DeadLetters.Refused(d.record(), d.refusal()));
            } else if (d.event() != null && eventIds.add(d.event().eventId())) {
                events.add(d.event());
            }
        }
        if (!byOffsets && !events.isEmpty()) {
            Set<String> first = marks.firstDeliveries(consumption.consumer(), eventIds);
            events.removeIf(event -> !first.contains(event.eventId()));
        }
        if (!events.isEmpty()) {
            handler.apply(events);
        }
        if (byOffsets && !after.isEmpty()) {
            offsets.advance(consumption.consumer(), after);
        }
        if (!refused.isEmpty()) {
            deadLetters.sendAll(refused);
        }
    }

    /**
     * Why the batch's content was refused: the handler's {@link UnusableEvent}, an event it could
     * not read, or the database's refusal of what a statement wrote (SQLSTATE class 22, data
     * exception, or 23, integrity constraint violation); null for anything else.
     */
    private static String refusalOfContent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnusableEvent || t instanceof MalformedEventException) {
                return t.getMessage();
            }
        }
        return SqlStates.find(failure, state -> state.startsWith("22") || state.startsWith("23"))
                .map(sql -> "the database refused it: " + sql.getMessage())
                .orElse(null);
    }

    /**
     * Each consumer's dead-letter counters exist from the start, so dashboards and alerts see zeros
     * rather than gaps.
     */
    void countDeadLetters(
            @Observes StartupEvent startup,
            @Any Instance<EventBatchHandler<?>> handlers,
            DeadLetterCount count) {
        for (EventBatchHandler<?> handler : handlers) {
            handler.consumption().topics().forEach(count::of);
        }
    }

    /**
     * The service is stopping: a batch being retried must not hold the shutdown (the database may
     * already be gone) for the back-off's 30 s.
     */
    void stop(@Observes ShutdownEvent shutdown) {
        stop();
    }

    void stop() {
        stopped.countDown();
    }

    private boolean stopping() {
        return stopped.getCount() == 0;
    }

    /** Waits the back-off, or less when the service begins stopping; true when it did. */
    private boolean awaitStop(Duration wait) {
        try {
            return stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * A batch left unapplied as the service stops; failing it keeps the connector from committing
     * its offsets, so it is delivered again after the next start. Expected: no stack trace.
     */
    public static final class ConsumerStopping extends RuntimeException {
        ConsumerStopping(String consumer) {
            super(consumer + " stopping: its batch is left for the next start", null, false, false);
        }
    }
}
