package io.livelink.commons.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts the attempts of retried HTTP deliveries (tenant webhooks, training report uploads) by
 * outcome, as {@code livelink_delivery_attempts_total{kind, outcome}}: {@code delivered}, {@code
 * retrying} (failed, another attempt is scheduled) or {@code given-up} (failed for the last time).
 * Operators alert on retries and on give-ups.
 */
@ApplicationScoped
public class DeliveryOutcomes {

    public static final String METRIC = "livelink.delivery.attempts";

    private final MeterRegistry registry;

    public DeliveryOutcomes(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The counters of one kind of delivery, registered now so dashboards see zeros, not gaps. */
    public Outcomes of(String kind) {
        return new Outcomes(
                counter(kind, "delivered"), counter(kind, "retrying"), counter(kind, "given-up"));
    }

    private Counter counter(String kind, String outcome) {
        return Counter.builder(METRIC)
                .description("Attempts of retried HTTP deliveries, by outcome")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry);
    }

    /** One kind's counters. */
    public record Outcomes(Counter delivered, Counter retrying, Counter givenUp) {

        /** Counts a failed attempt: a retry unless it was the last one. */
        public void failed(boolean lastAttempt) {
            (lastAttempt ? givenUp : retrying).increment();
        }
    }
}
