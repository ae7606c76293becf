package io.livelink.analytics.rollup.daily;

import io.livelink.commons.consume.BatchConsumer;
import io.livelink.commons.consume.Consumption;
import io.livelink.commons.consume.EachEventHandler;
import io.livelink.commons.consume.ExactlyOnce;
import io.livelink.events.EventType;
import io.livelink.events.TenantSettingsChanged;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The tenants' time zones, learnt from {@code TenantSettingsChanged}; days are cut in them. A
 * tenant not heard of yet uses {@code livelink.analytics.daily.default-time-zone}.
 */
@ApplicationScoped
public class TenantTimeZones implements EachEventHandler<TenantSettingsChanged> {

    public static final String CHANNEL = "tenant-events";
    private static final Consumption<TenantSettingsChanged> CONSUMPTION =
            new Consumption<>(
                    "analytics-service/tenant-time-zones",
                    ExactlyOnce.PROCESSED_EVENT_MARKS,
                    TenantSettingsChanged.class,
                    Set.of(EventType.TENANT_SETTINGS_CHANGED),
                    Consumption.OtherEvents.IGNORED);

    private final BatchConsumer batches;
    private final EntityManager entityManager;
    private final ZoneId defaultZone;

    public TenantTimeZones(
            BatchConsumer batches, EntityManager entityManager, DailySettings settings) {
        this.batches = batches;
        this.entityManager = entityManager;
        this.defaultZone = settings.defaultTimeZone();
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.consume(records, this);
    }

    @Override
    public Consumption<TenantSettingsChanged> consumption() {
        return CONSUMPTION;
    }

    @Override
    public void applyOne(TenantSettingsChanged settings) {
        // Only a newer change replaces the zone, so a redelivered old event cannot undo one.
        entityManager
                .createNativeQuery(
                        "insert into tenant_time_zone as z (tenant_id, time_zone, changed_at)"
                                + " values (:tenant, :zone, :at) on conflict (tenant_id) do update"
                                + " set time_zone = excluded.time_zone, changed_at ="
                                + " excluded.changed_at where z.changed_at <= excluded.changed_at")
                .setParameter("tenant", settings.tenantId())
                .setParameter("zone", settings.timeZone())
                .setParameter("at", settings.changedAt())
                .executeUpdate();
    }

    @Transactional
    public ZoneId of(String tenantId) {
        @SuppressWarnings("unchecked")
        List<String> zones =
                entityManager
                        .createNativeQuery(
                                "select time_zone from tenant_time_zone where tenant_id = :tenant")
                        .setParameter("tenant", tenantId)
                        .getResultList();
        if (zones.isEmpty()) {
            return defaultZone;
        }
        try {
            return ZoneId.of(zones.get(0));
        } catch (DateTimeException unknownZone) {
            return defaultZone;
        }
    }
}
