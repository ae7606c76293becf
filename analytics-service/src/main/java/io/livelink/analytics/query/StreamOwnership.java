package io.livelink.analytics.query;

import io.livelink.analytics.views.StreamViewTotals;
import io.livelink.commons.problem.ProblemException;
import io.livelink.commons.security.Caller;
import jakarta.enterprise.context.RequestScoped;

/** A stream's reports are visible to its own tenant only; anyone else gets 404. */
@RequestScoped
public class StreamOwnership {

    private final Caller caller;

    public StreamOwnership(Caller caller) {
        this.caller = caller;
    }

    /** The stream's totals (tenant, type) once the caller may see it. */
    public StreamViewTotals requireVisible(String streamId) {
        StreamViewTotals totals = StreamViewTotals.findById(streamId);
        if (totals == null) {
            throw ProblemException.notFound("stream", streamId);
        }
        caller.requireAccessTo(totals.tenantId, "stream", streamId);
        return totals;
    }
}
