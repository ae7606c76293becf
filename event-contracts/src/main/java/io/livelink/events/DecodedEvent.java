package io.livelink.events;

/**
 * A record value read as a LiveLink event: its envelope's id and type, and its data as the type's
 * record ({@link EventCodec#decodeEvent}).
 *
 * <p>An event read in one pass has its data bound already. Otherwise its data is bound when {@link
 * #payload()} is called, as {@link EventCodec#data(EventEnvelope, Class)} binds it, so a consumer
 * that turns an event away by its id or type never binds (nor fails on) its data, as before.
 */
public final class DecodedEvent {

    private final String id;
    private final EventType type;
    private final LiveLinkEvent boundPayload;
    private final EventEnvelope envelope;

    private DecodedEvent(
            String id, EventType type, LiveLinkEvent boundPayload, EventEnvelope envelope) {
        this.id = id;
        this.type = type;
        this.boundPayload = boundPayload;
        this.envelope = envelope;
    }

    static DecodedEvent bound(String id, EventType type, LiveLinkEvent payload) {
        return new DecodedEvent(id, type, payload, null);
    }

    /** An envelope {@link EventCodec#decode} has validated, its data still a tree. */
    static DecodedEvent unbound(EventEnvelope envelope) {
        return new DecodedEvent(envelope.id(), EventCodec.typeOf(envelope), null, envelope);
    }

    /** The envelope's {@code id}, which consumers deduplicate on. */
    public String id() {
        return id;
    }

    public EventType type() {
        return type;
    }

    /**
     * The data as its type's record.
     *
     * @throws MalformedEventException when the data, valid by its schema, is still no such record
     *     (a number beyond the field's range, say), with {@link EventCodec#data}'s message
     */
    public LiveLinkEvent payload() {
        return boundPayload != null ? boundPayload : EventCodec.data(envelope, type.payload());
    }
}
