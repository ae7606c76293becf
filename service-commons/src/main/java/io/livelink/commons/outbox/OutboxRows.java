package io.livelink.commons.outbox;

import io.livelink.commons.sql.ArrayStatements;
import io.livelink.commons.sql.Column;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Writes events into the outbox, in the caller's transaction, with one statement however many: the
 * publisher's and the Kafka-first fallback's only way in (an identity insert per event was half of
 * the window closer's time, and up to 500 round trips per fallback batch).
 */
@ApplicationScoped
class OutboxRows {

    private final ArrayStatements sql;

    OutboxRows(ArrayStatements sql) {
        this.sql = sql;
    }

    /** The identity column numbers the rows in the order given, which the relay sends them in. */
    @Transactional(Transactional.TxType.MANDATORY)
    void insert(List<OutboxFallback.Pending> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sql.update(
                "insert into outbox_message (event_id, topic, message_key, payload, created_at,"
                        + " traceparent, tracestate) select id, topic, message_key, payload,"
                        + " created_at, traceparent, tracestate from unnest(?, ?, ?, ?, cast(? as"
                        + " timestamptz[]), ?, ?) with ordinality as u(id, topic, message_key,"
                        + " payload, created_at, traceparent, tracestate, n) order by n",
                Column.text(rows.stream().map(OutboxFallback.Pending::eventId).toList()),
                Column.text(rows.stream().map(OutboxFallback.Pending::topic).toList()),
                Column.text(rows.stream().map(OutboxFallback.Pending::key).toList()),
                Column.text(rows.stream().map(OutboxFallback.Pending::payload).toList()),
                Column.instants(rows.stream().map(OutboxFallback.Pending::createdAt).toList()),
                Column.text(rows.stream().map(r -> r.trace().traceparent()).toList()),
                Column.text(rows.stream().map(r -> r.trace().tracestate()).toList()));
    }
}
