package io.livelink.analytics.training.attendance;

import io.livelink.analytics.query.KnownStreams;
import io.livelink.commons.consume.BatchConsumer;
import io.livelink.commons.consume.Consumption;
import io.livelink.commons.consume.EachEventHandler;
import io.livelink.commons.consume.ExactlyOnce;
import io.livelink.events.EventType;
import io.livelink.events.StreamState;
import io.livelink.events.StreamStateChanged;
import io.livelink.events.StreamType;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.query.NativeQuery;

/**
 * The ENTERPRISE streams and the directory group each is bound to, from {@code StreamStateChanged}:
 * a class's courses are the streams bound to its group, their lecturer the broadcaster, their
 * duration from going LIVE to ENDED. Every stream of any type also becomes a {@link KnownStreams}
 * entry, so its reports answer before its first viewer.
 */
@ApplicationScoped
public class TrainingStreams implements EachEventHandler<StreamStateChanged> {

    public static final String CHANNEL = "stream-events";
    private static final Consumption<StreamStateChanged> CONSUMPTION =
            new Consumption<>(
                    "analytics-service/training-streams",
                    ExactlyOnce.PROCESSED_EVENT_MARKS,
                    StreamStateChanged.class,
                    Set.of(EventType.STREAM_STATE_CHANGED),
                    Consumption.OtherEvents.IGNORED);

    private final BatchConsumer batches;
    private final EntityManager entityManager;
    private final KnownStreams known;

    public TrainingStreams(BatchConsumer batches, EntityManager entityManager, KnownStreams known) {
        this.batches = batches;
        this.entityManager = entityManager;
        this.known = known;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.consume(records, this);
    }

    @Override
    public Consumption<StreamStateChanged> consumption() {
        return CONSUMPTION;
    }

    @Override
    public void applyOne(StreamStateChanged changed) {
        known.apply(changed);
        if (changed.streamType() != StreamType.ENTERPRISE) {
            return;
        }
        // The first LIVE and the ENDED moments are kept whatever order redeliveries come in; the
        // binding and title follow the newest change.
        entityManager
                .createNativeQuery(
                        "insert into training_stream as s (stream_id, tenant_id, audience_group_id,"
                                + " broadcaster_id, title, state, live_at, ended_at, changed_at)"
                                + " values (:stream, :tenant, :group, :broadcaster, :title, :state,"
                                + " :liveAt, :endedAt, :at) on conflict (stream_id) do update set"
                                + " audience_group_id = case when excluded.changed_at >= s.changed_at"
                                + " then excluded.audience_group_id else s.audience_group_id end,"
                                + " title = case when excluded.changed_at >= s.changed_at then"
                                + " excluded.title else s.title end, state = case when s.state ="
                                + " 'ENDED' then s.state when excluded.changed_at >= s.changed_at"
                                + " then excluded.state else s.state end, live_at ="
                                + " least(s.live_at, excluded.live_at), ended_at ="
                                + " coalesce(s.ended_at, excluded.ended_at), changed_at ="
                                + " greatest(s.changed_at, excluded.changed_at)")
                .unwrap(NativeQuery.class)
                .setParameter("stream", changed.streamId())
                .setParameter("tenant", changed.tenantId())
                .setParameter("group", changed.audienceGroupId())
                .setParameter("broadcaster", changed.broadcasterId())
                .setParameter("title", changed.title())
                .setParameter("state", changed.state().name())
                .setParameter(
                        "liveAt",
                        changed.state() == StreamState.LIVE ? changed.changedAt() : null,
                        Instant.class)
                .setParameter(
                        "endedAt",
                        changed.state() == StreamState.ENDED ? changed.changedAt() : null,
                        Instant.class)
                .setParameter("at", changed.changedAt())
                .executeUpdate();
    }
}
