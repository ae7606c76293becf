package io.livelink.commons.consume;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * On assignment, seeks each partition of a consumer by {@link ExactlyOnce#STORED_OFFSETS} to the
 * next offset stored in PostgreSQL with the effects of the records before it ({@link
 * ConsumerOffsets}); a partition never applied starts where {@code auto.offset.reset} says. Kafka's
 * committed offsets play no part (commit-strategy {@code ignore}). The consumer whose offsets they
 * are is the handler that declared stored offsets for the partition's topic. Should the database
 * not answer, the consumer starts where Kafka says and the offsets check of each batch skips what
 * was applied already: slower, never counted twice.
 */
@ApplicationScoped
@Identifier(StoredOffsetsListener.NAME)
public class StoredOffsetsListener implements KafkaConsumerRebalanceListener {

    /** The channel's {@code consumer-rebalance-listener.name}. */
    public static final String NAME = "livelink-stored-offsets";

    private static final int ATTEMPTS = 5;

    private final ConsumerOffsets offsets;
    private final Instance<EventBatchHandler<?>> handlers;

    public StoredOffsetsListener(
            ConsumerOffsets offsets, @Any Instance<EventBatchHandler<?>> handlers) {
        this.offsets = offsets;
        this.handlers = handlers;
    }

    @Override
    public void onPartitionsAssigned(
            Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<String, List<TopicPartition>> byConsumer = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            byConsumer
                    .computeIfAbsent(storingConsumerOf(partition.topic()), c -> new ArrayList<>())
                    .add(partition);
        }
        byConsumer.forEach((name, ofIt) -> seek(consumer, name, ofIt));
    }

    /** The one consumer by stored offsets of this topic in this service. */
    private String storingConsumerOf(String topic) {
        List<String> storing = new ArrayList<>();
        for (EventBatchHandler<?> handler : handlers) {
            Consumption<?> consumption = handler.consumption();
            if (consumption.exactlyOnce() == ExactlyOnce.STORED_OFFSETS
                    && consumption.topics().contains(topic)) {
                storing.add(consumption.consumer());
            }
        }
        if (storing.size() != 1) {
            throw new IllegalStateException(
                    "topic " + topic + " needs one consumer by stored offsets, not " + storing);
        }
        return storing.get(0);
    }

    private void seek(Consumer<?, ?> consumer, String name, List<TopicPartition> partitions) {
        for (int attempt = 1; ; attempt++) {
            try {
                Map<TopicPartition, Long> stored =
                        QuarkusTransaction.requiringNew()
                                .call(() -> offsets.stored(name, partitions));
                stored.forEach(consumer::seek);
                Log.debugf("%s: seeked to stored offsets %s", name, stored);
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    Log.warnf(
                            "%s: stored offsets of %s not read, starting where Kafka says (each"
                                    + " batch still skips what was applied): %s",
                            name, partitions, e.toString());
                    return;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
