package io.livelink.permission.group;

import io.livelink.commons.consume.UnusableEvent;

/**
 * A class sync that cannot be applied (unknown tenant, a group id taken by another group, a student
 * the directory cannot hold): the record goes to the dead-letter topic with this message as the
 * reason. Expected, so without a stack trace.
 */
class RefusedSync extends UnusableEvent {
    RefusedSync(String message) {
        super(message);
    }
}
