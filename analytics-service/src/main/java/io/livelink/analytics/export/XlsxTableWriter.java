package io.livelink.analytics.export;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * XLSX through POI's streaming {@link SXSSFWorkbook}: only the last {@value #WINDOW} rows of a
 * sheet stay in memory, older ones are flushed to a compressed temp file; {@link #close()} writes
 * the workbook to the output and deletes the temp files. Numbers become numeric cells, everything
 * else text (instants in ISO-8601, UTC).
 */
public final class XlsxTableWriter implements TableWriter {

    /** Rows of a sheet kept in memory while writing. */
    public static final int WINDOW = 100;

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
    private final OutputStream out;
    private SXSSFSheet sheet;
    private int next;

    public XlsxTableWriter(OutputStream out, String sheetName, String... header)
            throws IOException {
        this.out = out;
        workbook.setCompressTempFiles(true);
        sheet(sheetName, header);
    }

    @Override
    public void sheet(String name, String... header) throws IOException {
        sheet = workbook.createSheet(name);
        next = 0;
        row((Object[]) header);
    }

    @Override
    public void row(Object... cells) throws IOException {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < cells.length; i++) {
            Object value = cells[i];
            if (value == null) {
                continue;
            }
            if (value instanceof Number number) {
                row.createCell(i).setCellValue(number.doubleValue());
            } else {
                row.createCell(i).setCellValue(value.toString());
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            workbook.write(out);
        } finally {
            workbook.close();
            workbook.dispose();
        }
    }
}
