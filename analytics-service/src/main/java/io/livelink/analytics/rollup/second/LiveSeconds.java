package io.livelink.analytics.rollup.second;

import io.livelink.events.EventCodec;
import io.livelink.events.EventEnvelope;
import io.livelink.events.StreamSecondRollup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The live feed behind {@code GET /streams/{id}/seconds/live}: every closed second (and every
 * correction, with a higher revision) as the window-closing job publishes it.
 *
 * <p>It reads the {@code livelink.rollups.per-second} topic itself rather than listening to this
 * instance's commits: each instance consumes with its own group id ({@code ${quarkus.uuid}}, latest
 * offsets, nothing committed), so a second closed by any instance reaches the dashboards connected
 * to every instance, and only seconds committed (the outbox publishes after the commit) are ever
 * pushed.
 */
@ApplicationScoped
public class LiveSeconds {

    public static final String CHANNEL = "live-seconds";
    private static final Logger LOG = Logger.getLogger(LiveSeconds.class);

    private final BroadcastProcessor<StreamSecondRollup> seconds = BroadcastProcessor.create();

    @Incoming(CHANNEL)
    public void onRollup(String record) {
        StreamSecondRollup rollup;
        try {
            EventEnvelope envelope = EventCodec.decode(record);
            rollup = EventCodec.data(envelope, StreamSecondRollup.class);
        } catch (RuntimeException e) {
            LOG.debugf("not a StreamSecondRollup on %s: %s", CHANNEL, e.getMessage());
            return;
        }
        seconds.onNext(rollup);
    }

    /**
     * The seconds of one stream from now on. A dashboard that does not keep up misses seconds (they
     * stay queryable at {@code /seconds}) instead of holding memory for it.
     */
    public Multi<StreamSecondRollup> of(String streamId) {
        return seconds.toHotStream()
                .select()
                .where(r -> r.streamId().equals(streamId))
                .onOverflow()
                .drop();
    }
}
