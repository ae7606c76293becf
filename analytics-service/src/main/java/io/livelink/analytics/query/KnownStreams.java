package io.livelink.analytics.query;

import io.livelink.events.StreamStateChanged;
import io.livelink.events.StreamType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The streams analytics knows from {@code StreamStateChanged}, so their reports answer (empty) from
 * the moment a stream exists, before its first viewer. Applying a change is idempotent and order
 * independent (the newest change's title and state win), so it needs no processed-event record.
 */
@ApplicationScoped
public class KnownStreams {

    /** What queries need of a known stream. */
    public record KnownStream(
            String streamId, String tenantId, StreamType streamType, String title) {}

    private final EntityManager entityManager;

    public KnownStreams(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(StreamStateChanged changed) {
        entityManager
                .createNativeQuery(
                        "insert into known_stream as k (stream_id, tenant_id, stream_type, title,"
                                + " state, changed_at) values (:stream, :tenant, :type, :title,"
                                + " :state, :at) on conflict (stream_id) do update set title ="
                                + " excluded.title, state = excluded.state, changed_at ="
                                + " excluded.changed_at where excluded.changed_at >= k.changed_at")
                .setParameter("stream", changed.streamId())
                .setParameter("tenant", changed.tenantId())
                .setParameter("type", changed.streamType().name())
                .setParameter("title", changed.title())
                .setParameter("state", changed.state().name())
                .setParameter("at", changed.changedAt())
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public Optional<KnownStream> find(String streamId) {
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select stream_id, tenant_id, stream_type, title from known_stream"
                                        + " where stream_id = :stream")
                        .setParameter("stream", streamId)
                        .getResultList();
        return rows.stream()
                .findFirst()
                .map(
                        r ->
                                new KnownStream(
                                        (String) r[0],
                                        (String) r[1],
                                        StreamType.valueOf((String) r[2]),
                                        (String) r[3]));
    }
}
