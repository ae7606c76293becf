package io.livelink.commons.consume;

import io.livelink.events.LiveLinkEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** An event as a batch handler receives it: decoded, typed, with its id and the record it was. */
public record Delivered<E extends LiveLinkEvent>(
        String eventId, E event, ConsumerRecord<String, String> record) {}
