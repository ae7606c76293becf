package io.livelink.commons.consume;

import io.livelink.events.LiveLinkEvent;
import java.util.List;

/**
 * A consumer of LiveLink events, a polled batch at a time ({@link BatchConsumer} calls it). Its
 * {@code @Incoming} method takes the channel's {@code ConsumerRecords<String, String>} (the channel
 * has {@code batch=true}) and hands them to {@link BatchConsumer#consume}.
 */
public interface EventBatchHandler<E extends LiveLinkEvent> {

    /** What it applies and how it is exactly once. */
    Consumption<E> consumption();

    /**
     * Applies the events, in the caller's transaction, in the order they were produced per
     * partition; each event id at most once per batch, and with {@link
     * ExactlyOnce#PROCESSED_EVENT_MARKS} only those not applied before. An event that can never be
     * applied throws {@link UnusableEvent}; the batch is then applied again one event at a time, so
     * only that one is dead-lettered. Any other failure is retried with back-off.
     */
    void apply(List<Delivered<E>> events);
}
