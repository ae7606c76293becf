package io.livelink.analytics.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** RFC 4180 CSV (UTF-8, CRLF) written straight to the response, row by row. */
public final class CsvTableWriter implements TableWriter {

    private final CSVPrinter printer;

    public CsvTableWriter(OutputStream out, String... header) throws IOException {
        this.printer =
                new CSVPrinter(
                        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
                        CSVFormat.RFC4180.builder().setHeader(header).get());
    }

    @Override
    public void row(Object... cells) throws IOException {
        Object[] values = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = cells[i] == null ? "" : cells[i].toString();
        }
        printer.printRecord(values);
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
