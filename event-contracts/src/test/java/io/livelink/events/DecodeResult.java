package io.livelink.events;

import java.util.function.Supplier;

/**
 * What decoding a record value comes to, for comparing two ways of decoding it: the event's id,
 * type and data, or the message it is refused with (the data's own, after an id and a type, when
 * only the data does not bind).
 */
record DecodeResult(String id, EventType type, LiveLinkEvent payload, String refusal) {

    /** As consumers decoded before: {@link EventCodec#decode}, then {@link EventCodec#data}. */
    static DecodeResult byTheValidator(String json) {
        try {
            EventEnvelope envelope = EventCodec.decode(json);
            EventType type = EventCodec.typeOf(envelope);
            return bound(envelope.id(), type, () -> EventCodec.data(envelope, type.payload()));
        } catch (MalformedEventException e) {
            return new DecodeResult(null, null, null, e.getMessage());
        }
    }

    /** As {@link EventCodec#decodeEvent} decodes it. */
    static DecodeResult byDecodeEvent(String json) {
        try {
            return of(EventCodec.decodeEvent(json));
        } catch (MalformedEventException e) {
            return new DecodeResult(null, null, null, e.getMessage());
        }
    }

    static DecodeResult of(DecodedEvent event) {
        return bound(event.id(), event.type(), event::payload);
    }

    private static DecodeResult bound(String id, EventType type, Supplier<LiveLinkEvent> payload) {
        try {
            return new DecodeResult(id, type, payload.get(), null);
        } catch (MalformedEventException e) {
            return new DecodeResult(id, type, null, e.getMessage());
        }
    }
}
