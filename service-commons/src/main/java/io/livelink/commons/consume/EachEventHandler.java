package io.livelink.commons.consume;

import io.livelink.events.LiveLinkEvent;
import java.util.List;

/**
 * A batch handler whose events are applied one after the other, in produced order, all in the
 * batch's one transaction: for consumers whose events are few and whose effects depend on each
 * other (read models, a group's membership).
 */
public interface EachEventHandler<E extends LiveLinkEvent> extends EventBatchHandler<E> {

    /** Applies one event, in the batch's transaction. */
    void applyOne(E event);

    @Override
    default void apply(List<Delivered<E>> events) {
        for (Delivered<E> delivered : events) {
            applyOne(delivered.event());
        }
    }
}
