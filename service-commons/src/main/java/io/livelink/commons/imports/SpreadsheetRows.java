package io.livelink.commons.imports;

import io.livelink.commons.input.TextRules;
import io.livelink.commons.refusal.DomainRefusal;
import io.livelink.commons.refusal.FieldError;
import io.livelink.commons.refusal.InvalidInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The rows of an uploaded CSV (UTF-8, BOM tolerated) or XLSX file (its first sheet), each keyed by
 * its column. The first row names the columns; names compare case-insensitively, ignoring spaces
 * and underscores, and {@code aliases} map other spellings (such as Chinese headers) onto the
 * canonical names. Unreadable files (a CSV not in UTF-8 among them), missing columns and oversized
 * files are 400 problems on the field {@code file}; blank cells are absent, not empty strings; a
 * row that cannot be used (a cell with a NUL, a quote never closed) comes with its problem, so
 * imports report it on its line and keep the others.
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
     * One data row: its line in the file (the header is line 1), its cells by canonical column, and
     * when it cannot be used, why ({@code problem}, naming the column as the file spells it). A CSV
     * row that cannot be parsed (a quote never closed) is the last row: the parser cannot find
     * where the next one would start, so the rows read before it are kept and it stands for the
     * rest of the file.
     */
    public record Row(int line, Map<String, String> cells, FieldError problem) {

        public String get(String column) {
            return cells.get(column);
        }

        public boolean usable() {
            return problem == null;
        }
    }

    /** The data rows of the file, in file order. */
    public static List<Row> read(InputStream file, boolean xlsx, Layout layout) {
        return xlsx ? readXlsx(file, layout) : readCsv(file, layout);
    }

    private static List<Row> readCsv(InputStream file, Layout layout) {
        CharsetDecoder strictUtf8 =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (CSVParser parser =
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .setTrim(true)
                        .setIgnoreEmptyLines(true)
                        .get()
                        .parse(new InputStreamReader(file, strictUtf8))) {
            List<String> spelled = parser.getHeaderNames();
            List<String> header = spelled.stream().map(name -> canonical(name, layout)).toList();
            requireColumns(header, layout);
            List<Row> rows = new ArrayList<>();
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                long linesBefore = parser.getCurrentLineNumber();
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException unparsable) {
                    if (unparsable.getCause() instanceof CharacterCodingException) {
                        throw notUtf8();
                    }
                    tooMany(rows.size(), layout);
                    rows.add(
                            new Row(
                                    (int) linesBefore + 1,
                                    Map.of(),
                                    new FieldError(
                                            "row", unparsableMessage(unparsable.getCause()))));
                    break;
                }
                tooMany(rows.size(), layout);
                Map<String, String> cells = new LinkedHashMap<>();
                FieldError problem = null;
                for (int c = 0; c < header.size() && c < record.size(); c++) {
                    String value = blankToNull(record.get(c));
                    problem = problem != null ? problem : unusable(spelled.get(c), value);
                    cells.put(header.get(c), value);
                }
                rows.add(new Row(lineOf(record, parser), cells, problem));
            }
            return rows;
        } catch (CharacterCodingException e) {
            throw notUtf8();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw notUtf8();
            }
            throw new InvalidInput("file", "is not a readable CSV file: " + e.getMessage());
        }
    }

    /** The line a record starts on: the parser is at its last line, minus the lines inside it. */
    private static int lineOf(CSVRecord record, CSVParser parser) {
        long inside = 0;
        for (String value : record) {
            inside += value.chars().filter(ch -> ch == '\n').count();
        }
        return (int) (parser.getCurrentLineNumber() - inside);
    }

    private static String unparsableMessage(Throwable cause) {
        String detail = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        if (detail.contains("EOF reached before encapsulated token finished")) {
            return "has a quote (\") that is never closed, so this line and every line after it"
                    + " could not be read; close the quote or remove it";
        }
        return "could not be read as CSV ("
                + detail.replaceFirst("^\\(startline \\d+\\) ", "")
                + "), so this line and every line after it were not read";
    }

    private static InvalidInput notUtf8() {
        return new InvalidInput(
                "file", "is not UTF-8 text; save the sheet as \"CSV UTF-8\" or upload it as XLSX");
    }

    /** A cell that {@link TextRules} refuses makes its row unusable. */
    private static FieldError unusable(String column, String value) {
        String violation = TextRules.violation(value);
        return violation == null ? null : new FieldError(column, violation);
    }

    private static List<Row> readXlsx(InputStream file, Layout layout) {
        try (Workbook workbook = new XSSFWorkbook(file)) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter cells = new DataFormatter();
            org.apache.poi.ss.usermodel.Row headerRow = sheet.getRow(sheet.getFirstRowNum());
            if (headerRow == null) {
                throw new InvalidInput("file", "the first sheet is empty");
            }
            List<String> spelled = new ArrayList<>();
            List<String> header = new ArrayList<>();
            for (int c = 0; c < headerRow.getLastCellNum(); c++) {
                spelled.add(cells.formatCellValue(headerRow.getCell(c)));
                header.add(canonical(spelled.get(c), layout));
            }
            requireColumns(header, layout);
            List<Row> rows = new ArrayList<>();
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                org.apache.poi.ss.usermodel.Row sheetRow = sheet.getRow(r);
                Map<String, String> row = new LinkedHashMap<>();
                FieldError problem = null;
                boolean empty = true;
                for (int c = 0; c < header.size(); c++) {
                    String value =
                            sheetRow == null
                                    ? null
                                    : blankToNull(cells.formatCellValue(sheetRow.getCell(c)));
                    empty &= value == null;
                    problem = problem != null ? problem : unusable(spelled.get(c), value);
                    row.put(header.get(c), value);
                }
                if (!empty) {
                    tooMany(rows.size(), layout);
                    rows.add(new Row(r + 1, row, problem));
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainRefusal refusal) {
                throw refusal;
            }
            throw new InvalidInput("file", "is not a readable XLSX workbook: " + e.getMessage());
        }
    }

    private static void requireColumns(List<String> header, Layout layout) {
        for (String required : layout.requiredColumns()) {
            if (!header.contains(required)) {
                throw new InvalidInput("file", "the header has no '" + required + "' column");
            }
        }
    }

    private static void tooMany(int rowsSoFar, Layout layout) {
        if (rowsSoFar >= layout.maxRows()) {
            throw new InvalidInput("file", "has more than " + layout.maxRows() + " rows; split it");
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
