package io.livelink.commons.consume;

import io.livelink.commons.sql.ArrayStatements;
import io.livelink.commons.sql.Column;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The idempotent-consumer record: which event ids a consumer has applied. Marking happens in the
 * consumer's own transaction, so an event is applied exactly once however often Kafka delivers it.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final ArrayStatements sql;
    private final Clock clock;

    public ProcessedEvents(ArrayStatements sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /**
     * Marks a batch's event ids in one statement and answers those this consumer sees for the first
     * time. Ids are marked in sorted order, so two transactions marking overlapping batches (a
     * rebalance) wait for each other instead of deadlocking; the later one finds them marked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstDeliveries(String consumer, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(
                sql.strings(
                        "insert into processed_event (consumer, event_id, processed_at) select ?,"
                                + " u.event_id, ? from unnest(?) as u(event_id) on conflict do"
                                + " nothing returning event_id",
                        consumer,
                        clock.instant(),
                        Column.text(new TreeSet<>(eventIds))));
    }
}
