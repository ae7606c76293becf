package io.livelink.commons.consume;

import io.livelink.events.EventType;
import io.livelink.events.LiveLinkEvent;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a batch consumer declares: its name (the key of its offsets or marks), how it is exactly
 * once, and which events it applies, as which payload type.
 *
 * @param consumer who applies them, e.g. {@code analytics-service/view-events}; the key of its
 *     stored offsets or processed-event marks, so it never changes
 * @param exactlyOnce offsets or marks
 * @param payload the type the handler receives; every applied type's payload is one
 * @param applies the event types handed to the handler
 * @param others what becomes of a well-formed event of another type: a topic that carries other
 *     consumers' events too ignores them, one that should carry only these dead-letters them
 */
public record Consumption<E extends LiveLinkEvent>(
        String consumer,
        ExactlyOnce exactlyOnce,
        Class<E> payload,
        Set<EventType> applies,
        OtherEvents others) {

    /** What becomes of a well-formed event of a type the consumer does not apply. */
    public enum OtherEvents {
        IGNORED,
        DEAD_LETTERED
    }

    public Consumption {
        if (applies.isEmpty()) {
            throw new IllegalArgumentException(consumer + " applies no event type");
        }
        for (EventType type : applies) {
            if (!payload.isAssignableFrom(type.payload())) {
                throw new IllegalArgumentException(
                        consumer + ": a " + type + " is not a " + payload.getSimpleName());
            }
        }
        applies = Collections.unmodifiableSet(EnumSet.copyOf(applies));
    }

    /** The topics its events come from. */
    public Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        applies.forEach(type -> topics.add(type.topic()));
        return topics;
    }
}
