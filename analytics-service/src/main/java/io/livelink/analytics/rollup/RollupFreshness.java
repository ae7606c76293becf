package io.livelink.analytics.rollup;

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
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the rollups trail the clock, for operators: {@code
 * livelink_analytics_rollup_behind_seconds {window="SECOND"|"MINUTE"}}, the time between the end up
 * to which windows are due by now and the oldest window still to be computed (0 when every stream
 * is up to date). The SPEC's promises are per-second rollups within 2 s and per-minute ones within
 * a minute; a backlog of view events or a stuck closer shows here first.
 */
@ApplicationScoped
@Startup // its meters exist from the start, so dashboards show zeros rather than gaps
public class RollupFreshness {

    private final EntityManager entityManager;
    private final RollupSettings settings;
    private final Clock clock;
    private final Map<WindowSize, AtomicLong> behindMillis = new EnumMap<>(WindowSize.class);

    public RollupFreshness(
            EntityManager entityManager,
            RollupSettings settings,
            Clock clock,
            MeterRegistry registry) {
        this.entityManager = entityManager;
        this.settings = settings;
        this.clock = clock;
        for (WindowSize size : WindowSize.values()) {
            AtomicLong behind = new AtomicLong();
            behindMillis.put(size, behind);
            Gauge.builder("livelink.analytics.rollup.behind", behind, b -> b.get() / 1000.0)
                    .description("How far the oldest window still to be computed trails the clock")
                    .baseUnit("seconds")
                    .tag("window", size.name())
                    .register(registry);
        }
    }

    @Scheduled(
            every = "${livelink.analytics.rollups.measure-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void measure() {
        Instant now = clock.instant();
        for (WindowSize size : WindowSize.values()) {
            try {
                Instant oldest =
                        QuarkusTransaction.requiringNew()
                                .call(
                                        () ->
                                                Rows.instant(
                                                        entityManager
                                                                .createNativeQuery(
                                                                        "select "
                                                                                + Rows.millis(
                                                                                        "min(next_start)")
                                                                                + " from"
                                                                                + " rollup_cursor"
                                                                                + " where"
                                                                                + " window_size ="
                                                                                + " :size")
                                                                .setParameter("size", size.name())
                                                                .getSingleResult()));
                Instant due = settings.closedUpTo(size, now);
                behindMillis
                        .get(size)
                        .set(
                                oldest == null || !oldest.isBefore(due)
                                        ? 0
                                        : Duration.between(oldest, due).toMillis());
            } catch (RuntimeException e) {
                Log.debugf("rollup freshness not measured this time: %s", e.toString());
            }
        }
    }
}
