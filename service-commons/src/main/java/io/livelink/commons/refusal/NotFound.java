package io.livelink.commons.refusal;

import java.util.List;

/** The thing does not exist, or the caller may not know that it does. */
public final class NotFound extends DomainRefusal {

    public NotFound(String what, String id) {
        this("not-found", what + " not found", what + " " + id + " does not exist");
    }

    /** A not-found with a reason of its own, e.g. {@code unknown-link}. */
    public NotFound(String reason, String title, String detail) {
        super(reason, title, detail, List.of());
    }
}
