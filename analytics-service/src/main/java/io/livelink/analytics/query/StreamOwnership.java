package io.livelink.analytics.query;

import io.livelink.analytics.views.StreamViewTotals;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.security.Caller;
import io.livelink.events.StreamType;
import jakarta.enterprise.context.RequestScoped;

/**
 * A stream's reports are visible to its own tenant only; anyone else gets 404. A stream is known
 * from its first view event or, before any viewer came, from its {@code StreamStateChanged} (so a
 * dashboard opened before the doors open answers, empty).
 */
@RequestScoped
public class StreamOwnership {

    /** The stream the caller may see: its tenant and type. */
    public record VisibleStream(String streamId, String tenantId, StreamType streamType) {}

    private final Caller caller;
    private final KnownStreams known;

    public StreamOwnership(Caller caller, KnownStreams known) {
        this.caller = caller;
        this.known = known;
    }

    /** The stream (tenant, type) once the caller may see it. */
    public VisibleStream requireVisible(String streamId) {
        StreamViewTotals totals = StreamViewTotals.findById(streamId);
        VisibleStream stream =
                totals != null
                        ? new VisibleStream(streamId, totals.tenantId, totals.streamType)
                        : known.find(streamId)
                                .map(k -> new VisibleStream(streamId, k.tenantId(), k.streamType()))
                                .orElseThrow(() -> new NotFound("stream", streamId));
        caller.requireAccessTo(stream.tenantId(), "stream", streamId);
        return stream;
    }
}
