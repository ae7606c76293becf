package io.livelink.link.metrics;

import io.livelink.events.StreamType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts resolves by stream type and outcome, as {@code livelink_resolves_total{type, outcome,
 * reason}}: {@code resolved} (a view session opened), {@code refused} with the problem's reason
 * ({@code expired}, {@code revoked}, {@code not-a-member} …) or {@code failed} (an error, not a
 * refusal). Operators watch resolves per second and refusals by reason. Every path that resolves a
 * link reports here, through {@link CountedResolve} or by calling it.
 */
@ApplicationScoped
@Startup // its meters exist from the start, so dashboards show zeros rather than gaps
public class ResolveMetrics {

    public static final String METRIC = "livelink.resolves";
    private static final String NO_REASON = "none";

    private final MeterRegistry registry;

    public ResolveMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (StreamType type : StreamType.values()) {
            counter(type, "resolved", NO_REASON);
            counter(type, "failed", NO_REASON);
        }
    }

    public void resolved(StreamType type) {
        counter(type, "resolved", NO_REASON).increment();
    }

    public void refused(StreamType type, String reason) {
        counter(type, "refused", reason == null ? "unknown" : reason).increment();
    }

    public void failed(StreamType type) {
        counter(type, "failed", NO_REASON).increment();
    }

    private Counter counter(StreamType type, String outcome, String reason) {
        return Counter.builder(METRIC)
                .description("Link resolves, by stream type, outcome and refusal reason")
                .tag("type", type.name())
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }
}
