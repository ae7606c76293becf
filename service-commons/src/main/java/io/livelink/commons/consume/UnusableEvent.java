package io.livelink.commons.consume;

/**
 * Thrown by a batch handler for an event that can never be applied (it names an unknown tenant, a
 * group taken by another): it goes to the dead-letter topic with this message as the reason, and
 * the rest of its batch is applied. Expected, so without a stack trace.
 */
public class UnusableEvent extends RuntimeException {

    public UnusableEvent(String reason) {
        super(reason, null, false, false);
    }
}
