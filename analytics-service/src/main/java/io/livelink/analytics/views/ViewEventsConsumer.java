package io.livelink.analytics.views;

import io.livelink.analytics.rollup.ViewIngestion;
import io.livelink.analytics.rollup.ViewIngestion.ReceivedView;
import io.livelink.analytics.sql.ArrayStatements;
import io.livelink.analytics.sql.Column;
import io.livelink.commons.messaging.BatchTraces;
import io.livelink.events.EventCodec;
import io.livelink.events.EventEnvelope;
import io.livelink.events.EventType;
import io.livelink.events.MalformedEventException;
import io.livelink.events.Topics;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Counts view events per stream and feeds the rollups ({@link ViewIngestion}), a polled batch of
 * records at a time: the counts, the session and window updates and the processed-event marks of
 * the whole batch commit in one transaction, one statement per table. An event id seen before (in
 * an earlier batch, or earlier in this one) is skipped, so a redelivered or duplicated event never
 * counts twice and a crash loses nothing: the batch's offsets are committed only after it.
 *
 * <p>Records that are not view events go to the dead-letter topic with the reason, and the rest of
 * their batch is applied. When the database refuses a batch for what is in it (a data or constraint
 * error), its events are applied one by one so that only the offending one is dead-lettered; any
 * other failure (database unreachable, deadlock) is retried with back-off, never dead-lettered,
 * since it says nothing about the events.
 */
@ApplicationScoped
public class ViewEventsConsumer {

    public static final String CHANNEL = "view-events";
    private static final String CONSUMER = "analytics-service/stream-totals";

    /** The longest event id the processed-event and view-event tables keep. */
    private static final int MAX_EVENT_ID_LENGTH = 64;

    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final ArrayStatements sql;
    private final ViewIngestion rollups;
    private final DeadLetters deadLetters;
    private final BatchTraces traces;
    private final Clock clock;

    public ViewEventsConsumer(
            ArrayStatements sql,
            ViewIngestion rollups,
            DeadLetters deadLetters,
            BatchTraces traces,
            Clock clock) {
        this.sql = sql;
        this.rollups = rollups;
        this.deadLetters = deadLetters;
        this.traces = traces;
        this.clock = clock;
    }

    private record Decoded(ReceivedView view, ConsumerRecord<String, String> record) {}

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        traces.process(Topics.VIEW_EVENTS, records, () -> consumeBatch(records));
    }

    private void consumeBatch(ConsumerRecords<String, String> records) {
        List<DeadLetters.Refused> refused = new ArrayList<>();
        Map<String, Decoded> byId = new HashMap<>();
        List<Decoded> batch = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                Decoded decoded = new Decoded(decode(record.value()), record);
                if (byId.putIfAbsent(decoded.view().eventId(), decoded) == null) {
                    batch.add(decoded);
                }
            } catch (MalformedEventException e) {
                refused.add(new DeadLetters.Refused(record, e.getMessage()));
            }
        }
        applyDurably(batch, refused);
        if (!refused.isEmpty()) {
            deadLetters.sendAll(refused);
        }
    }

    private static ReceivedView decode(String value) {
        EventEnvelope envelope = EventCodec.decode(value);
        if (EventCodec.typeOf(envelope) != EventType.VIEW) {
            throw new MalformedEventException("a " + envelope.type() + " is not a view event");
        }
        if (envelope.id().length() > MAX_EVENT_ID_LENGTH) {
            throw new MalformedEventException(
                    "event id longer than " + MAX_EVENT_ID_LENGTH + " characters");
        }
        return new ReceivedView(envelope.id(), EventCodec.data(envelope, ViewEvent.class));
    }

    /**
     * Applies the events in one transaction, retrying what the database could not do at the time;
     * events the database refuses for their content are added to {@code refused}.
     */
    private void applyDurably(List<Decoded> batch, List<DeadLetters.Refused> refused) {
        if (batch.isEmpty()) {
            return;
        }
        Duration wait = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew()
                        .run(() -> apply(batch.stream().map(Decoded::view).toList()));
                return;
            } catch (RuntimeException e) {
                SQLException refusal = refusalOfContent(e);
                if (refusal != null) {
                    if (batch.size() == 1) {
                        refused.add(
                                new DeadLetters.Refused(
                                        batch.get(0).record(),
                                        "the database refused it: " + refusal.getMessage()));
                    } else {
                        batch.forEach(one -> applyDurably(List.of(one), refused));
                    }
                    return;
                }
                Log.warnf(
                        "%d view events not applied (attempt %d), retrying in %d ms: %s",
                        batch.size(), attempt, wait.toMillis(), e.toString());
                sleep(wait);
                wait =
                        wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0
                                ? LONGEST_RETRY
                                : wait.multipliedBy(2);
            }
        }
    }

    /**
     * Marks the events processed; those seen before are dropped, the rest are counted and applied.
     */
    private void apply(List<ReceivedView> views) {
        Map<String, ReceivedView> byId = new TreeMap<>();
        views.forEach(v -> byId.put(v.eventId(), v));
        Set<String> firstTime =
                Set.copyOf(
                        sql.strings(
                                "insert into processed_event (consumer, event_id, processed_at)"
                                        + " select ?, id, ? from unnest(?) as u(id)"
                                        + " on conflict do nothing returning event_id",
                                CONSUMER,
                                clock.instant(),
                                Column.text(byId.keySet())));
        List<ReceivedView> fresh =
                byId.values().stream().filter(v -> firstTime.contains(v.eventId())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        addToTotals(fresh);
        rollups.apply(fresh);
    }

    private static final class Totals {
        String tenantId;
        String streamType;
        long joins;
        long leaves;
        long heartbeats;
        Instant first;
        Instant last;
    }

    private void addToTotals(List<ReceivedView> views) {
        Map<String, Totals> byStream = new TreeMap<>();
        for (ReceivedView received : views) {
            ViewEvent view = received.view();
            Totals t = byStream.computeIfAbsent(view.streamId(), s -> new Totals());
            if (t.tenantId == null) {
                t.tenantId = view.tenantId();
                t.streamType = view.streamType().name();
                t.first = view.occurredAt();
                t.last = view.occurredAt();
            }
            t.joins += view.kind() == ViewKind.JOIN ? 1 : 0;
            t.leaves += view.kind() == ViewKind.LEAVE ? 1 : 0;
            t.heartbeats += view.kind() == ViewKind.HEARTBEAT ? 1 : 0;
            t.first = view.occurredAt().isBefore(t.first) ? view.occurredAt() : t.first;
            t.last = view.occurredAt().isAfter(t.last) ? view.occurredAt() : t.last;
        }
        List<Totals> totals = List.copyOf(byStream.values());
        sql.update(
                "insert into stream_view_totals as t (stream_id, tenant_id, stream_type, joins,"
                        + " leaves, heartbeats, first_event_at, last_event_at)"
                        + " select * from unnest(?, ?, ?, ?, ?, ?, cast(? as timestamptz[]),"
                        + " cast(? as timestamptz[]))"
                        + " on conflict (stream_id) do update set"
                        + " joins = t.joins + excluded.joins,"
                        + " leaves = t.leaves + excluded.leaves,"
                        + " heartbeats = t.heartbeats + excluded.heartbeats,"
                        + " first_event_at = least(t.first_event_at, excluded.first_event_at),"
                        + " last_event_at = greatest(t.last_event_at, excluded.last_event_at)",
                Column.text(byStream.keySet()),
                Column.text(totals.stream().map(t -> t.tenantId).toList()),
                Column.text(totals.stream().map(t -> t.streamType).toList()),
                Column.longs(totals.stream().map(t -> t.joins).toList()),
                Column.longs(totals.stream().map(t -> t.leaves).toList()),
                Column.longs(totals.stream().map(t -> t.heartbeats).toList()),
                Column.instants(totals.stream().map(t -> t.first).toList()),
                Column.instants(totals.stream().map(t -> t.last).toList()));
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

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying view events", e);
        }
    }
}
