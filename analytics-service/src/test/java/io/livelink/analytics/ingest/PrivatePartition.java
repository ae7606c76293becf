package io.livelink.analytics.ingest;

import io.livelink.events.EventCodec;
import io.livelink.events.Topics;
import io.livelink.events.ViewEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Hands views to the consumer one batch at a time, as the connector would, from a partition of
 * their own: offsets stored for the real topic's partitions do not skip them.
 */
public final class PrivatePartition {

    private final ViewEventsConsumer consumer;
    private final TopicPartition partition =
            new TopicPartition(Topics.VIEW_EVENTS + ".test-" + UUID.randomUUID(), 0);
    private long offset;

    public PrivatePartition(ViewEventsConsumer consumer) {
        this.consumer = consumer;
    }

    /** Applies the view as a batch of its own, keyed by its stream as producers key it. */
    public void applyAlone(ViewEvent view) {
        applyTogether(view);
    }

    /** Applies the views as one batch, in this order. */
    public void applyTogether(ViewEvent... views) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (ViewEvent view : views) {
            String value =
                    EventCodec.encode(
                            EventCodec.envelope(
                                    view, UUID.randomUUID().toString(), "/t", view.occurredAt()));
            records.add(
                    new ConsumerRecord<>(
                            partition.topic(),
                            partition.partition(),
                            offset++,
                            view.streamId(),
                            value));
        }
        consumer.consume(new ConsumerRecords<>(Map.of(partition, records)));
    }
}
