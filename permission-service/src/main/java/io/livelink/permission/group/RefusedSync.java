package io.livelink.permission.group;

/**
 * A class sync that cannot be applied (unknown tenant, a group id taken by another group, a student
 * the directory cannot hold): the record goes to the dead-letter topic with this message as the
 * reason. Expected, so without a stack trace.
 */
class RefusedSync extends RuntimeException {
    RefusedSync(String message) {
        super(message, null, false, false);
    }
}
