package io.livelink.commons.refusal;

import java.util.List;

/**
 * The domain will not do it, for a reason named by {@link #reason()} and a kind named by {@link
 * #why()}: not allowed to this caller, no longer valid, unacceptable content, or not possible right
 * now.
 */
public final class Refused extends DomainRefusal {

    /** Why the domain refuses; it decides how a caller should react (ask, give up, fix, retry). */
    public enum Why {
        /** This caller, tenant or credential may not do it (e.g. live-service-disabled). */
        NOT_ALLOWED,
        /** It was valid once and is not any more: expired, revoked, no longer a member. */
        NO_LONGER_VALID,
        /** Understood and well-formed, but a domain rule rejects its content (banned phrase). */
        UNACCEPTABLE,
        /** Cannot be done right now for want of something outside the request; try later. */
        UNAVAILABLE
    }

    private final Why why;

    private Refused(
            Why why, String reason, String title, String detail, List<FieldError> fieldErrors) {
        super(reason, title, detail, fieldErrors);
        this.why = why;
    }

    private Refused(Why why, String reason, String title, FieldError field) {
        super(reason, title, field);
        this.why = why;
    }

    public Why why() {
        return why;
    }

    public static Refused notAllowed(String reason, String detail) {
        return notAllowed(reason, "Forbidden", detail);
    }

    public static Refused notAllowed(String reason, String title, String detail) {
        return new Refused(Why.NOT_ALLOWED, reason, title, detail, List.of());
    }

    public static Refused noLongerValid(String reason, String title, String detail) {
        return new Refused(Why.NO_LONGER_VALID, reason, title, detail, List.of());
    }

    /** A field whose content a domain rule rejects. */
    public static Refused unacceptable(String reason, String title, String field, String message) {
        return new Refused(Why.UNACCEPTABLE, reason, title, new FieldError(field, message));
    }

    public static Refused unavailable(String reason, String title, String detail) {
        return new Refused(Why.UNAVAILABLE, reason, title, detail, List.of());
    }
}
