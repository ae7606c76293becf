package io.livelink.commons.refusal;

import java.util.List;

/** The input is malformed or out of range; each offending field is named. */
public final class InvalidInput extends DomainRefusal {

    public static final String REASON = "invalid-request";
    public static final String TITLE = "The request is not valid";

    public InvalidInput(String field, String message) {
        this(field + ": " + message, List.of(new FieldError(field, message)));
    }

    public InvalidInput(String detail, List<FieldError> fieldErrors) {
        super(REASON, TITLE, detail, fieldErrors);
    }

    /** Several fields at once, the detail listing each ("page: must be 0 or more; size: …"). */
    public static InvalidInput of(List<FieldError> fieldErrors) {
        return new InvalidInput(
                String.join(
                        "; ",
                        fieldErrors.stream().map(e -> e.field() + ": " + e.message()).toList()),
                fieldErrors);
    }
}
