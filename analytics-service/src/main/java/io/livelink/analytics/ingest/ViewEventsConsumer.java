package io.livelink.analytics.ingest;

import io.livelink.analytics.ingest.IngestRows.ReceivedView;
import io.livelink.analytics.views.DeadLetters;
import io.livelink.commons.messaging.BatchTraces;
import io.livelink.events.EventCodec;
import io.livelink.events.EventEnvelope;
import io.livelink.events.EventType;
import io.livelink.events.MalformedEventException;
import io.livelink.events.Topics;
import io.livelink.events.ViewEvent;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies view events a polled batch at a time, exactly once by offsets: in one transaction it
 * locks the batch's partitions' stored offsets ({@link ConsumerOffsets}), skips every record below
 * them (a redelivered batch, a partition handed over mid-batch), applies the rest ({@link
 * ViewIngestion}) and stores the offsets after them. A crash loses nothing and counts nothing
 * twice: the effects and the offsets commit together, and on assignment the consumer seeks to the
 * stored offsets ({@link StoredOffsetsListener}).
 *
 * <p>Records that are not view events go to the dead-letter topic with the reason, before the
 * transaction commits (so at least once), and the rest of their batch is applied. When the database
 * refuses a batch for what is in it (a data or constraint error), its records are applied one by
 * one so that only the offending one is dead-lettered; any other failure (database unreachable,
 * deadlock) is retried with back-off, never dead-lettered, since it says nothing about the events.
 */
@ApplicationScoped
public class ViewEventsConsumer {

    public static final String CHANNEL = "view-events";

    /** Whose offsets these are in {@code consumer_offset}. */
    public static final String CONSUMER = "analytics-service/view-events";

    /** The longest event id the late-event table keeps. */
    private static final int MAX_EVENT_ID_LENGTH = 64;

    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ConsumerOffsets offsets;
    private final ViewIngestion ingestion;
    private final DeadLetters deadLetters;
    private final BatchTraces traces;

    public ViewEventsConsumer(
            ConsumerOffsets offsets,
            ViewIngestion ingestion,
            DeadLetters deadLetters,
            BatchTraces traces) {
        this.offsets = offsets;
        this.ingestion = ingestion;
        this.deadLetters = deadLetters;
        this.traces = traces;
    }

    /** A record as read: its view, or why it is none. */
    private record Decoded(
            ConsumerRecord<String, String> record, ReceivedView view, String refusal) {

        TopicPartition partition() {
            return new TopicPartition(record.topic(), record.partition());
        }
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        traces.process(Topics.VIEW_EVENTS, records, () -> consumeBatch(records));
    }

    private void consumeBatch(ConsumerRecords<String, String> records) {
        List<Decoded> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            batch.add(decode(record));
        }
        applyDurably(batch);
    }

    private static Decoded decode(ConsumerRecord<String, String> record) {
        try {
            EventEnvelope envelope = EventCodec.decode(record.value());
            if (EventCodec.typeOf(envelope) != EventType.VIEW) {
                throw new MalformedEventException("a " + envelope.type() + " is not a view event");
            }
            if (envelope.id().length() > MAX_EVENT_ID_LENGTH) {
                throw new MalformedEventException(
                        "event id longer than " + MAX_EVENT_ID_LENGTH + " characters");
            }
            return new Decoded(
                    record,
                    new ReceivedView(envelope.id(), EventCodec.data(envelope, ViewEvent.class)),
                    null);
        } catch (MalformedEventException e) {
            return new Decoded(record, null, e.getMessage());
        }
    }

    /**
     * Applies the records in one transaction, retrying what the database could not do then; false
     * when the service began stopping first. What is left then is applied after the next start: its
     * offsets were not stored, and the consumer seeks to the stored ones.
     */
    private boolean applyDurably(List<Decoded> batch) {
        if (batch.isEmpty()) {
            return true;
        }
        Duration wait = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> applyOnce(batch));
                return true;
            } catch (RuntimeException e) {
                SQLException refusal = refusalOfContent(e);
                if (refusal != null) {
                    if (batch.size() == 1) {
                        Decoded one = batch.get(0);
                        return applyDurably(
                                List.of(
                                        new Decoded(
                                                one.record(),
                                                null,
                                                "the database refused it: "
                                                        + refusal.getMessage())));
                    }
                    // One by one, in offset order: stopping part-way leaves only later ones.
                    for (Decoded one : batch) {
                        if (!applyDurably(List.of(one))) {
                            return false;
                        }
                    }
                    return true;
                }
                if (stopping()) {
                    Log.infof(
                            "stopping: %d view records left for the next start (%s)",
                            batch.size(), e.toString());
                    return false;
                }
                Log.warnf(
                        "%d view records not applied (attempt %d), retrying in %d ms: %s",
                        batch.size(), attempt, wait.toMillis(), e.toString());
                if (awaitStop(wait)) {
                    Log.infof("stopping: %d view records left for the next start", batch.size());
                    return false;
                }
                wait =
                        wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0
                                ? LONGEST_RETRY
                                : wait.multipliedBy(2);
            }
        }
    }

    /**
     * The service is stopping: a batch being retried must not hold the shutdown (the database may
     * already be gone) for the back-off's 30 s.
     */
    void stop(@Observes ShutdownEvent shutdown) {
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
     * In the caller's transaction: the records at or after their partition's stored offset are
     * applied (each event id once), the refused ones dead-lettered, and the offsets moved past
     * them.
     */
    private void applyOnce(List<Decoded> batch) {
        Set<TopicPartition> partitions = new HashSet<>();
        batch.forEach(d -> partitions.add(d.partition()));
        Map<TopicPartition, Long> next = offsets.lock(CONSUMER, partitions);
        Map<TopicPartition, Long> after = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        List<ReceivedView> views = new ArrayList<>();
        List<DeadLetters.Refused> refused = new ArrayList<>();
        for (Decoded d : batch) {
            TopicPartition partition = d.partition();
            if (d.record().offset() < next.getOrDefault(partition, 0L)) {
                continue; // applied before
            }
            after.merge(partition, d.record().offset() + 1, Math::max);
            if (d.refusal() != null) {
                refused.add(new DeadLetters.Refused(d.record(), d.refusal()));
            } else if (eventIds.add(d.view().eventId())) {
                views.add(d.view());
            }
        }
        if (after.isEmpty()) {
            return;
        }
        if (!views.isEmpty()) {
            ingestion.apply(views);
        }
        offsets.advance(CONSUMER, after);
        if (!refused.isEmpty()) {
            deadLetters.sendAll(refused);
        }
    }

    /**
     * The database's refusal of what a statement wrote (SQLSTATE class 22, data exception, or 23,
     * integrity constraint violation), or null for anything else.
     */
    private static SQLException refusalOfContent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return sql;
            }
        }
        return null;
    }
}
