package io.livelink.commons.deadletter;

import io.micrometer.core.instrument.Counter;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The connector's dead-letter queue, counted: the failure strategy {@value #STRATEGY} hands each
 * refused record to SmallRye's {@code dead-letter-queue} strategy (the record as it came, its
 * headers, the reason) and counts it in {@link DeadLetterCount}. Configured per channel with {@code
 * failure-strategy=livelink-dead-letter-queue} and the usual {@code dead-letter-queue.*} settings.
 */
@ApplicationScoped
@Identifier(CountedDeadLetterQueue.STRATEGY)
public class CountedDeadLetterQueue implements KafkaFailureHandler.Factory {

    public static final String STRATEGY = "livelink-dead-letter-queue";

    private final KafkaFailureHandler.Factory deadLetterQueue;
    private final DeadLetterCount count;

    public CountedDeadLetterQueue(
            @Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE)
                    KafkaFailureHandler.Factory deadLetterQueue,
            DeadLetterCount count) {
        this.deadLetterQueue = deadLetterQueue;
        this.count = count;
    }

    @Override
    public KafkaFailureHandler create(
            KafkaConnectorIncomingConfiguration config,
            Vertx vertx,
            KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler delegate =
                deadLetterQueue.create(config, vertx, consumer, reportFailure);
        Counter counted = count.of(config.getTopic().orElse(config.getChannel()));
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(
                    IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                counted.increment();
                return delegate.handle(record, reason, metadata);
            }

            @Override
            public void terminate() {
                delegate.terminate();
            }
        };
    }
}
