package io.livelink.analytics.export;

import java.io.Closeable;
import java.io.IOException;

/** Writes one table row by row (CSV or a streaming XLSX sheet); cells are strings or numbers. */
public interface TableWriter extends Closeable {

    void row(Object... cells) throws IOException;

    /** Starts another table (a new sheet in XLSX); CSV writers do not support it. */
    default void sheet(String name, String... header) throws IOException {
        throw new UnsupportedOperationException("one table only");
    }
}
