package io.livelink.commons.sql;

import io.livelink.events.IsoInstants;
import java.time.Instant;
import java.util.Collection;

/**
 * One column of many rows, bound as a single PostgreSQL array parameter and read back with {@code
 * unnest}. Instants travel as ISO-8601 text (exact to the microsecond), so their SQL says {@code
 * cast(? as timestamptz[])}.
 */
public record Column(String elementType, Object[] values) {

    public static Column text(Collection<String> values) {
        return new Column("text", values.toArray(String[]::new));
    }

    public static Column instants(Collection<Instant> values) {
        // IsoInstants writes Instant.toString()'s text without a DateTimeFormatter, which was ~3 %
        // of
        // a consumer's CPU with a few instants per session row.
        return new Column("text", values.stream().map(IsoInstants::format).toArray(String[]::new));
    }

    public static Column longs(Collection<Long> values) {
        return new Column("bigint", values.toArray(Long[]::new));
    }

    public int size() {
        return values.length;
    }
}
