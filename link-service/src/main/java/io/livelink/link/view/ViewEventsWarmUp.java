package io.livelink.link.view;

import io.livelink.commons.outbox.KafkaFirstPublisher;
import io.livelink.events.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Fetches the view-event topic's metadata as the service starts, off the start-up thread: the
 * producer never waits for metadata on a request, so without it the first views would all take the
 * outbox path.
 */
@ApplicationScoped
public class ViewEventsWarmUp {

    private final KafkaFirstPublisher events;

    public ViewEventsWarmUp(KafkaFirstPublisher events) {
        this.events = events;
    }

    void warmUp(@Observes StartupEvent startup) {
        Thread thread =
                new Thread(
                        () -> events.warmUp(Topics.VIEW_EVENTS, Duration.ofSeconds(30)),
                        "view-events-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
