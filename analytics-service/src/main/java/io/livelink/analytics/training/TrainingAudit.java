package io.livelink.analytics.training;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;

/**
 * Who changed a roster, saw personal data in full or sent a report, in the caller's transaction;
 * the table refuses updates and deletes.
 */
@ApplicationScoped
public class TrainingAudit {

    private final EntityManager entityManager;
    private final Clock clock;

    public TrainingAudit(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public void record(
            String tenantId, String actor, String action, String classId, String details) {
        entityManager
                .createNativeQuery(
                        "insert into training_audit (tenant_id, actor, action, class_id, details, at)"
                                + " values (:tenant, :actor, :action, :class, :details, :at)")
                .setParameter("tenant", tenantId)
                .setParameter("actor", actor)
                .setParameter("action", action)
                .setParameter("class", classId)
                .setParameter("details", details)
                .setParameter("at", clock.instant())
                .executeUpdate();
    }
}
