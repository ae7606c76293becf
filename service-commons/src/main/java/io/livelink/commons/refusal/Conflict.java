package io.livelink.commons.refusal;

import java.util.List;

/**
 * The request clashes with the current state: it exists already, was decided already, or cannot
 * happen in this state.
 */
public final class Conflict extends DomainRefusal {

    public Conflict(String reason, String detail) {
        this(reason, "Conflict", detail);
    }

    public Conflict(String reason, String title, String detail) {
        super(reason, title, detail, List.of());
    }

    private Conflict(String reason, String title, FieldError clash) {
        super(reason, title, clash);
    }

    /** A clash one field causes, e.g. an id number already in the class. */
    public static Conflict onField(String reason, String title, String field, String message) {
        return new Conflict(reason, title, new FieldError(field, message));
    }
}
