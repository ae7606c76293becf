package io.livelink.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay, which sends what the outbox holds to Kafka (every service). */
@ConfigMapping(prefix = "livelink.outbox")
public interface OutboxSettings {

    /** How many outbox rows one drain reads and sends before it commits their deletion. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for Kafka to acknowledge a batch before it retries it later. */
    @WithDefault("PT30S")
    Duration sendTimeout();

    /**
     * How often the relay drains even when nobody woke it: after a restart, or when Kafka was away
     * (read by its {@code @Scheduled}).
     */
    @WithDefault("1s")
    String sweepInterval();

    /**
     * How often the outbox's depth and oldest age are measured (read by its {@code @Scheduled}).
     */
    @WithDefault("5s")
    String measureInterval();
}
