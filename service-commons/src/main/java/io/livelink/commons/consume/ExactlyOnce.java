package io.livelink.commons.consume;

/** How a consumer makes a redelivered record change nothing; each consumer declares one. */
public enum ExactlyOnce {

    /**
     * Each partition's next offset is stored in PostgreSQL with the batch's effects ({@link
     * ConsumerOffsets}) and the consumer seeks to it on assignment ({@link StoredOffsetsListener}):
     * no row per event, for high-volume topics. The channel sets {@code commit-strategy=ignore} and
     * {@code consumer-rebalance-listener.name=}{@value StoredOffsetsListener#NAME}. The same event
     * produced twice (at two offsets) is applied twice, so the handler's writes must be keyed.
     */
    STORED_OFFSETS,

    /**
     * Each event id is marked in {@code processed_event} with the batch's effects ({@link
     * ProcessedEvents}) and the handler gets only first deliveries; Kafka's committed offsets say
     * where to resume. For low-volume topics whose effects are not naturally idempotent.
     */
    PROCESSED_EVENT_MARKS
}
