package io.livelink.permission.directory;

import io.livelink.commons.problem.ProblemException;
import io.livelink.permission.audit.AuditTrail;
import io.livelink.permission.directory.DirectoryViews.CreateMember;
import io.livelink.permission.directory.DirectoryViews.ImportReport;
import io.livelink.permission.directory.DirectoryViews.RowResult;
import io.livelink.permission.tenant.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Bulk import of members from CSV or XLSX. The first row names the columns: {@code account}, {@code
 * displayName} (required), {@code id}, {@code email}, {@code phone}, {@code organisation} (a name)
 * or {@code organisationId}, {@code roles} (separated by ';'). Every row is checked on its own;
 * good rows are added, bad rows are reported with their reasons.
 */
@ApplicationScoped
public class MemberImport {

    public static final String XLSX =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int MAX_ROWS = 20_000;

    private final TenantService tenants;
    private final DirectoryService directory;
    private final Validator validator;
    private final AuditTrail audit;

    public MemberImport(
            TenantService tenants,
            DirectoryService directory,
            Validator validator,
            AuditTrail audit) {
        this.tenants = tenants;
        this.directory = directory;
        this.validator = validator;
        this.audit = audit;
    }

    @Transactional
    public ImportReport importMembers(String tenantId, InputStream file, boolean xlsx) {
        tenants.visible(tenantId);
        List<Map<String, String>> rows = xlsx ? readXlsx(file) : readCsv(file);
        Map<String, String> organisationsByName = new LinkedHashMap<>();
        Organisation.<Organisation>list("tenantId", tenantId)
                .forEach(
                        o ->
                                organisationsByName.putIfAbsent(
                                        o.name.toLowerCase(Locale.ROOT), o.id));

        List<RowResult> results = new ArrayList<>();
        Set<String> accountsInFile = new HashSet<>();
        Set<String> idsInFile = new HashSet<>();
        int imported = 0;
        for (int i = 0; i < rows.size(); i++) {
            int line = i + 2;
            Map<String, String> row = rows.get(i);
            List<String> errors = new ArrayList<>();
            String organisationId = row.get("organisationid");
            String organisationName = row.get("organisation");
            if (organisationId == null && organisationName != null) {
                organisationId = organisationsByName.get(organisationName.toLowerCase(Locale.ROOT));
                if (organisationId == null) {
                    errors.add("organisation: no organisation named '" + organisationName + "'");
                }
            }
            List<String> roles =
                    row.get("roles") == null
                            ? null
                            : Arrays.stream(row.get("roles").split(";"))
                                    .map(String::strip)
                                    .filter(r -> !r.isEmpty())
                                    .toList();
            CreateMember member =
                    new CreateMember(
                            row.get("id"),
                            row.get("account"),
                            row.get("displayname"),
                            row.get("email"),
                            row.get("phone"),
                            organisationId,
                            roles);
            for (ConstraintViolation<CreateMember> violation : validator.validate(member)) {
                errors.add(violation.getPropertyPath() + ": " + violation.getMessage());
            }
            if (member.account() != null
                    && !accountsInFile.add(member.account().strip().toLowerCase(Locale.ROOT))) {
                errors.add("account: appears more than once in the file");
            }
            if (member.id() != null && !idsInFile.add(member.id())) {
                errors.add("id: appears more than once in the file");
            }
            if (errors.isEmpty()) {
                try {
                    String id = directory.add(tenantId, member).id;
                    results.add(new RowResult(line, id, "IMPORTED", List.of()));
                    imported++;
                    continue;
                } catch (ProblemException refused) {
                    errors.add(refused.problem().detail());
                }
            }
            results.add(
                    new RowResult(line, member.id(), "FAILED", errors.stream().sorted().toList()));
        }
        audit.record(
                tenantId,
                "directory.imported",
                "tenant",
                tenantId,
                null,
                Map.of(
                        "rows",
                        rows.size(),
                        "imported",
                        imported,
                        "failed",
                        rows.size() - imported));
        return new ImportReport(imported, rows.size() - imported, results);
    }

    private static List<Map<String, String>> readCsv(InputStream file) {
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
                    parser.getHeaderNames().stream().map(MemberImport::column).toList();
            requireColumns(header);
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                tooMany(rows.size());
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

    private static List<Map<String, String>> readXlsx(InputStream file) {
        try (Workbook workbook = new XSSFWorkbook(file)) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter cells = new DataFormatter();
            Row headerRow = sheet.getRow(sheet.getFirstRowNum());
            if (headerRow == null) {
                throw ProblemException.invalid("file", "the first sheet is empty");
            }
            List<String> header = new ArrayList<>();
            for (int c = 0; c < headerRow.getLastCellNum(); c++) {
                header.add(column(cells.formatCellValue(headerRow.getCell(c))));
            }
            requireColumns(header);
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
                    tooMany(rows.size());
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

    private static void requireColumns(List<String> header) {
        for (String required : List.of("account", "displayname")) {
            if (!header.contains(required)) {
                throw ProblemException.invalid(
                        "file", "the header has no '" + required + "' column");
            }
        }
    }

    private static void tooMany(int rowsSoFar) {
        if (rowsSoFar >= MAX_ROWS) {
            throw ProblemException.invalid("file", "has more than " + MAX_ROWS + " rows; split it");
        }
    }

    /** Header names compare case-insensitively, ignoring spaces and underscores. */
    private static String column(String name) {
        return name == null ? "" : name.replaceAll("[\\s_\\uFEFF]", "").toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
