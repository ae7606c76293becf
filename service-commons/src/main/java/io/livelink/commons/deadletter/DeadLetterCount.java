package io.livelink.commons.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts the records a service sent to {@code livelink.dead-letter}, by the topic they came from:
 * {@code livelink_dead_letters_total{topic}}. Each dead letter is an event a consumer did not
 * apply, so operators are alerted on any.
 */
@ApplicationScoped
public class DeadLetterCount {

    public static final String METRIC = "livelink.dead.letters";

    private final MeterRegistry registry;

    public DeadLetterCount(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The counter of one source topic; registered at once, so it shows 0 before any arrives. */
    public Counter of(String sourceTopic) {
        return Counter.builder(METRIC)
                .description("Records sent to the dead-letter topic, by the topic they came from")
                .tag("topic", sourceTopic)
                .register(registry);
    }
}
