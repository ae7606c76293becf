package io.livelink.events;

/** A record on a LiveLink topic that is not a well-formed event of a known type. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
