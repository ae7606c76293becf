package io.livelink.commons.imports;

import io.livelink.commons.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The rows of an uploaded CSV (UTF-8, BOM tolerated) or XLSX file (its first sheet), each keyed by
 * its column. The first row names the columns; names compare case-insensitively, ignoring spaces
 * and underscores, and {@code aliases} map other spellings (such as Chinese headers) onto the
 * canonical names. Unreadable files, missing columns and oversized files are 400 problems on the
 * field {@code file}; blank cells are absent, not empty strings.
 */
public final class SpreadsheetRows {

    public static final String XLSX_MEDIA_TYPE =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private SpreadsheetRows() {}

    /** What a file must look like: required columns, column aliases, a row limit. */
    public record Layout(List<String> requiredColumns, Map<String, String> aliases, int maxRows) {
        public Layout {
            requiredColumns = requiredColumns.stream().map(SpreadsheetRows::column).toList();
            Map<String, String> normalised = new LinkedHashMap<>();
            aliases.forEach((alias, canonical) -> normalised.put(column(alias), column(canonical)));
            aliases = Map.copyOf(normalised);
        }
    }

    /**
     * The data rows of the file, in file order; a row's line number in the file is its index + 2.
     */
    public static List<Map<String, String>> read(InputStream file, boolean xlsx, Layout layout) {
        return xlsx ? readXlsx(file, layout) : readCsv(file, layout);
    }

    private static List<Map<String, String>> readCsv(InputStream file, Layout layout) {
        try (CSVParser parser =
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .setTrim(true)
                        .setIgnoreEmptyLines(true)
                        .get()
                        .parse(new InputStreamReader(file, StandardCharsets.UTF_8))) {
            List<String> header =
                    parser.getHeaderNames().stream().map(name -> canonical(name, layout)).toList();
            requireColumns(header, layout);
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                tooMany(rows.size(), layout);
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < header.size() && c < record.size(); c++) {
                    row.put(header.get(c), blankToNull(record.get(c)));
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw ProblemException.invalid("file", "is not a readable CSV file: " + e.getMessage());
        }
    }

    private static List<Map<String, String>> readXlsx(InputStream file, Layout layout) {
        try (Workbook workbook = new XSSFWorkbook(file)) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter cells = new DataFormatter();
            Row headerRow = sheet.getRow(sheet.getFirstRowNum());
            if (headerRow == null) {
                throw ProblemException.invalid("file", "the first sheet is empty");
            }
            List<String> header = new ArrayList<>();
            for (int c = 0; c < headerRow.getLastCellNum(); c++) {
                header.add(canonical(cells.formatCellValue(headerRow.getCell(c)), layout));
            }
            requireColumns(header, layout);
            List<Map<String, String>> rows = new ArrayList<>();
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row sheetRow = sheet.getRow(r);
                Map<String, String> row = new LinkedHashMap<>();
                boolean empty = true;
                for (int c = 0; c < header.size(); c++) {
                    String value =
                            sheetRow == null
                                    ? null
                                    : blankToNull(cells.formatCellValue(sheetRow.getCell(c)));
                    empty &= value == null;
                    row.put(header.get(c), value);
                }
                if (!empty) {
                    tooMany(rows.size(), layout);
                    rows.add(row);
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.invalid(
                    "file", "is not a readable XLSX workbook: " + e.getMessage());
        }
    }

    private static void requireColumns(List<String> header, Layout layout) {
        for (String required : layout.requiredColumns()) {
            if (!header.contains(required)) {
                throw ProblemException.invalid(
                        "file", "the header has no '" + required + "' column");
            }
        }
    }

    private static void tooMany(int rowsSoFar, Layout layout) {
        if (rowsSoFar >= layout.maxRows()) {
            throw ProblemException.invalid(
                    "file", "has more than " + layout.maxRows() + " rows; split it");
        }
    }

    private static String canonical(String name, Layout layout) {
        String column = column(name);
        return layout.aliases().getOrDefault(column, column);
    }

    /** Header names compare case-insensitively, ignoring spaces, underscores and a BOM. */
    static String column(String name) {
        return name == null ? "" : name.replaceAll("[\\s_\\uFEFF]", "").toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
