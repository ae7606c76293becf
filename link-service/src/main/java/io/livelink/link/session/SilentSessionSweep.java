package io.livelink.link.session;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Closes view sessions that stopped sending heartbeats. */
@ApplicationScoped
public class SilentSessionSweep {

    private final ViewSessions sessions;

    public SilentSessionSweep(ViewSessions sessions) {
        this.sessions = sessions;
    }

    @Scheduled(
            every = "${livelink.sessions.sweep-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        while (sessions.closeSilentSessions() > 0) {
            // next batch
        }
    }
}
