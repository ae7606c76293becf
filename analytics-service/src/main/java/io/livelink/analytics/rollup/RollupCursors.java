package io.livelink.analytics.rollup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Where each stream's next window to compute starts. Kept in PostgreSQL, so any instance closes any
 * stream's windows and a restart resumes where the last one stopped.
 */
@ApplicationScoped
public class RollupCursors {

    private final EntityManager entityManager;

    public RollupCursors(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * An event in {@code windowStart} arrived: that window is (re)computed next. A window already
     * closed is thereby recomputed with the ones after it, which is how a late event corrects it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void needsWindow(
            String streamId, WindowSize size, String tenantId, Instant windowStart) {
        entityManager
                .createNativeQuery(
                        "insert into rollup_cursor as c (stream_id, window_size, tenant_id, next_start)"
                                + " values (:stream, :size, :tenant, :start)"
                                + " on conflict (stream_id, window_size) do update"
                                + " set next_start = least(c.next_start, excluded.next_start)")
                .setParameter("stream", streamId)
                .setParameter("size", size.name())
                .setParameter("tenant", tenantId)
                .setParameter("start", windowStart)
                .executeUpdate();
    }
}
