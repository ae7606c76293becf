package io.livelink.analytics.ingest;

import io.livelink.analytics.ingest.IngestRows.ReceivedView;
import io.livelink.commons.consume.BatchConsumer;
import io.livelink.commons.consume.Consumption;
import io.livelink.commons.consume.Delivered;
import io.livelink.commons.consume.EventBatchHandler;
import io.livelink.commons.consume.ExactlyOnce;
import io.livelink.events.EventType;
import io.livelink.events.ViewEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies view events a polled batch at a time ({@link ViewIngestion}), exactly once by offsets:
 * {@link BatchConsumer} stores each partition's next offset in PostgreSQL with the batch's effects
 * and skips what was applied before, so a crash loses nothing and counts nothing twice. The same
 * view produced twice (at two offsets) changes nothing because views are applied by session.
 *
 * <p>Records that are not view events go to the dead-letter topic with the reason and the rest of
 * their batch is applied; a view the database refuses is dead-lettered alone; any other failure
 * (database unreachable, deadlock) is retried with back-off, since it says nothing about the
 * events.
 */
@ApplicationScoped
public class ViewEventsConsumer implements EventBatchHandler<ViewEvent> {

    public static final String CHANNEL = "view-events";

    /** Whose offsets these are in {@code consumer_offset}. */
    public static final String CONSUMER = "analytics-service/view-events";

    private static final Consumption<ViewEvent> CONSUMPTION =
            new Consumption<>(
                    CONSUMER,
                    ExactlyOnce.STORED_OFFSETS,
                    ViewEvent.class,
                    Set.of(EventType.VIEW),
                    Consumption.OtherEvents.DEAD_LETTERED);

    private final BatchConsumer batches;
    private final ViewIngestion ingestion;

    public ViewEventsConsumer(BatchConsumer batches, ViewIngestion ingestion) {
        this.batches = batches;
        this.ingestion = ingestion;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.consume(records, this);
    }

    @Override
    public Consumption<ViewEvent> consumption() {
        return CONSUMPTION;
    }

    @Override
    public void apply(List<Delivered<ViewEvent>> events) {
        List<ReceivedView> views = new ArrayList<>(events.size());
        for (Delivered<ViewEvent> event : events) {
            views.add(new ReceivedView(event.eventId(), event.event()));
        }
        ingestion.apply(views);
    }
}
