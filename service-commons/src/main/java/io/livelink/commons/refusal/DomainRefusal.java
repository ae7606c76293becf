package io.livelink.commons.refusal;

import java.util.List;

/**
 * A request the domain turns down on purpose: something does not exist, may not be done, clashes
 * with the current state, or was sent wrong. Services and consumers throw these without knowing of
 * HTTP; each service's problem mapper gives a refusal its status, and a consumer reports it as it
 * sees fit.
 *
 * <p>No stack trace is captured: a refusal is an answer, not a fault, and the hot view path throws
 * them often.
 */
public abstract sealed class DomainRefusal extends RuntimeException
        permits NotFound, Refused, Conflict, InvalidInput {

    private final String reason;
    private final String title;
    private final transient List<FieldError> fieldErrors;

    DomainRefusal(String reason, String title, String detail, List<FieldError> fieldErrors) {
        super(detail, null, false, false);
        this.reason = reason;
        this.title = title;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** A refusal about one field; the detail reads "idNumber belongs to …". */
    DomainRefusal(String reason, String title, FieldError field) {
        this(reason, title, field.field() + " " + field.message(), List.of(field));
    }

    /** The machine-readable cause clients switch on, e.g. {@code live-service-disabled}. */
    public String reason() {
        return reason;
    }

    /** What kind of refusal this is, for people. */
    public String title() {
        return title;
    }

    /** What was wrong with this particular request. */
    public String detail() {
        return getMessage();
    }

    /** The offending fields, if the refusal is about input; empty otherwise. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
