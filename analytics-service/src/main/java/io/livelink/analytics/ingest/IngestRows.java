package io.livelink.analytics.ingest;

import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import java.time.Instant;

/** The typed rows ingestion writes and reads back: nothing here is read from an array by index. */
public final class IngestRows {

    private IngestRows() {}

    /** A view event with the id of its envelope. */
    public record ReceivedView(String eventId, ViewEvent view) {}

    /**
     * What one batch adds to one session: its first event describes it, the rest widen it. {@code
     * endedAt} is the latest LEAVE, {@code joinedAt} and {@code leftAt} the earliest JOIN and LEAVE
     * (null without one): the database keeps the first it was given of each.
     */
    public record SessionRow(
            String streamId,
            String sessionId,
            Instant openedAt,
            String tenantId,
            StreamType streamType,
            String viewerId,
            String channel,
            String playback,
            String device,
            String linkId,
            Instant startedAt,
            Instant lastSeenAt,
            Instant endedAt,
            Instant joinedAt,
            Instant leftAt) {}

    /**
     * A session whose JOIN or LEAVE was recorded for the first time by this batch: {@code
     * newJoinAt} and {@code newLeaveAt} are null unless it was.
     */
    public record NewSessionFacts(
            String streamId,
            String tenantId,
            StreamType streamType,
            String channel,
            Instant newJoinAt,
            Instant newLeaveAt) {}

    /** The earliest JOIN of a viewer on a stream in a batch. */
    public record FirstJoin(String streamId, String viewerId, Instant at) {}

    /**
     * A viewer's first join on a stream as it moved: from {@code before} (null for a new viewer) to
     * {@code after}, which is earlier.
     */
    public record FirstJoinMove(String streamId, Instant before, Instant after) {}

    /** What a batch adds to one second of a stream. */
    public record SecondCounts(
            String streamId, Instant second, long joins, long leaves, long newViewers) {}

    /** What a batch adds to one minute of a stream in one channel. */
    public record MinuteCounts(String streamId, Instant minute, String channel, long views) {}

    /** What a batch adds to a stream's running totals. */
    public record StreamTotals(
            String streamId,
            String tenantId,
            StreamType streamType,
            long joins,
            long leaves,
            long heartbeats,
            Instant firstEventAt,
            Instant lastEventAt) {}
}
