package io.livelink.commons.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What waits in the outbox, for operators: {@code livelink_outbox_depth} (events committed and not
 * yet acknowledged by Kafka) and {@code livelink_outbox_oldest_age_seconds} (how long the oldest
 * has waited). A relay that keeps up holds both near zero; growth means the broker is not taking
 * events. Measured on a schedule rather than at each scrape, so scrapes never wait on the database.
 */
@ApplicationScoped
@Startup // its meters exist from the start, so dashboards show zeros rather than gaps
public class OutboxBacklog {

    private final EntityManager entityManager;
    private final Clock clock;
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    public OutboxBacklog(EntityManager entityManager, Clock clock, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.clock = clock;
        Gauge.builder("livelink.outbox.depth", depth, AtomicLong::get)
                .description("Events committed to the outbox and not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("livelink.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0)
                .description("How long the oldest event in the outbox has waited")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(
            every = "${livelink.outbox.measure-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void measure() {
        try {
            Object[] row =
                    QuarkusTransaction.requiringNew()
                            .call(
                                    () ->
                                            (Object[])
                                                    entityManager
                                                            .createNativeQuery(
                                                                    "select count(*),"
                                                                            + " min(created_at)"
                                                                            + " from outbox_message")
                                                            .getSingleResult());
            depth.set(((Number) row[0]).longValue());
            Instant oldest = toInstant(row[1]);
            oldestAgeMillis.set(
                    oldest == null
                            ? 0
                            : Math.max(0, Duration.between(oldest, clock.instant()).toMillis()));
        } catch (RuntimeException e) {
            Log.debugf("outbox not measured this time: %s", e.toString());
        }
    }

    private static Instant toInstant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof Instant instant) {
            return instant;
        }
        if (column instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) column).toInstant();
    }
}
