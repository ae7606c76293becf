package io.livelink.commons.problem;

import io.livelink.commons.refusal.Conflict;
import io.livelink.commons.refusal.DomainRefusal;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.refusal.Refused;

/**
 * The HTTP face of a {@link DomainRefusal}: the one place that decides its status. Reason, title,
 * detail and field errors are the refusal's own, so the body says what the domain said.
 */
public final class RefusalProblems {

    private RefusalProblems() {}

    public static Problem problemOf(DomainRefusal refusal) {
        return Problem.of(
                statusOf(refusal),
                refusal.reason(),
                refusal.title(),
                refusal.detail(),
                refusal.fieldErrors());
    }

    static int statusOf(DomainRefusal refusal) {
        if (refusal instanceof NotFound) {
            return 404;
        }
        if (refusal instanceof Conflict) {
            return 409;
        }
        if (refusal instanceof InvalidInput) {
            return 400;
        }
        // The hierarchy is sealed: what is left is a Refused.
        return switch (((Refused) refusal).why()) {
            case NOT_ALLOWED -> 403;
            case NO_LONGER_VALID -> 410;
            case UNACCEPTABLE -> 422;
            case UNAVAILABLE -> 503;
        };
    }
}
