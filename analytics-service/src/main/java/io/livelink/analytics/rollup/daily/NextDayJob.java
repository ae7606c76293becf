package io.livelink.analytics.rollup.daily;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Generates each tenant's previous day once the tenant's local time has passed {@code
 * livelink.analytics.daily.generate-at}. Tenants live in different time zones, so the job checks
 * often and decides per tenant rather than firing once at one wall-clock time.
 */
@ApplicationScoped
public class NextDayJob {

    private final EntityManager entityManager;
    private final DailyRollups rollups;
    private final TenantTimeZones zones;
    private final Clock clock;
    private final LocalTime generateAt;

    public NextDayJob(
            EntityManager entityManager,
            DailyRollups rollups,
            TenantTimeZones zones,
            Clock clock,
            DailySettings settings) {
        this.entityManager = entityManager;
        this.rollups = rollups;
        this.zones = zones;
        this.clock = clock;
        this.generateAt = settings.generateAt();
    }

    @Scheduled(
            every = "${livelink.analytics.daily.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        generateDueDays();
    }

    /** Generates the previous day of every tenant for which it is due; returns how many. */
    public int generateDueDays() {
        int generated = 0;
        for (String tenantId : tenantsWithRecentEnterpriseViews()) {
            ZonedDateTime local = clock.instant().atZone(zones.of(tenantId));
            LocalDate yesterday = local.toLocalDate().minusDays(1);
            if (!local.toLocalTime().isBefore(generateAt) && !generated(tenantId, yesterday)) {
                rollups.generate(tenantId, yesterday);
                generated++;
            }
        }
        return generated;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<String> tenantsWithRecentEnterpriseViews() {
        // Two days back covers "yesterday" in every time zone.
        return entityManager
                .createNativeQuery(
                        "select distinct tenant_id from view_session where stream_type ="
                                + " 'ENTERPRISE' and last_seen_at >= :since")
                .setParameter("since", clock.instant().minus(Duration.ofDays(2)))
                .getResultList();
    }

    @Transactional
    boolean generated(String tenantId, LocalDate day) {
        return !entityManager
                .createNativeQuery(
                        "select 1 from daily_generation where tenant_id = :tenant and day = :day")
                .setParameter("tenant", tenantId)
                .setParameter("day", day)
                .getResultList()
                .isEmpty();
    }
}
