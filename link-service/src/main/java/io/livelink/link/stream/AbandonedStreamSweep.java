package io.livelink.link.stream;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Ends streams whose encoder stayed away longer than the grace. */
@ApplicationScoped
public class AbandonedStreamSweep {

    private final EncoderDrivenState states;

    public AbandonedStreamSweep(EncoderDrivenState states) {
        this.states = states;
    }

    @Scheduled(
            every = "${livelink.streams.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        while (states.endAbandonedStreams() > 0) {
            // next batch
        }
    }
}
