package io.livelink.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Publishing straight to Kafka, with the outbox as the fallback when Kafka does not acknowledge in
 * time (the view path).
 */
@ConfigMapping(prefix = "livelink.kafka-first")
public interface KafkaFirstSettings {

    /** How long an event waits for Kafka's acknowledgement before it goes to the outbox. */
    @WithDefault("PT1S")
    Duration ackTimeout();

    /** The producer's linger: short, since a request waits for its event's acknowledgement. */
    @WithDefault("1")
    int lingerMs();

    /**
     * Brokers of this producer alone; normally unset, so it uses the shared {@code
     * kafka.bootstrap.servers}. Tests point it at nothing to exercise the outbox path.
     */
    Optional<String> bootstrapServers();

    /** How many events that fell back are committed to the outbox in one transaction at most. */
    @WithDefault("500")
    int fallbackBatch();
}
