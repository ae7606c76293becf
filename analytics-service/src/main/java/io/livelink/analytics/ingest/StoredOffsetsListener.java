package io.livelink.analytics.ingest;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * On assignment, seeks each view-events partition to the next offset stored in PostgreSQL with the
 * effects of the records before it ({@link ConsumerOffsets}); a partition never applied starts
 * where {@code auto.offset.reset} says. Kafka's committed offsets play no part (commit-strategy
 * {@code ignore}). Should the database not answer, the consumer starts where Kafka says and the
 * offsets check of each batch skips what was applied already: slower, never counted twice.
 */
@ApplicationScoped
@Identifier(StoredOffsetsListener.NAME)
public class StoredOffsetsListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "view-events-stored-offsets";
    private static final int ATTEMPTS = 5;

    private final ConsumerOffsets offsets;

    public StoredOffsetsListener(ConsumerOffsets offsets) {
        this.offsets = offsets;
    }

    @Override
    public void onPartitionsAssigned(
            Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Map<TopicPartition, Long> stored =
                        QuarkusTransaction.requiringNew()
                                .call(
                                        () ->
                                                offsets.stored(
                                                        ViewEventsConsumer.CONSUMER, partitions));
                stored.forEach(consumer::seek);
                Log.debugf("view-events: seeked to stored offsets %s", stored);
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    Log.warnf(
                            "view-events: stored offsets of %s not read, starting where Kafka"
                                    + " says (each batch still skips what was applied): %s",
                            partitions, e.toString());
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
