package io.livelink.permission.directory;

import io.livelink.commons.imports.SpreadsheetRows;
import io.livelink.commons.refusal.DomainRefusal;
import io.livelink.permission.audit.AuditTrail;
import io.livelink.permission.directory.DirectoryViews.CreateMember;
import io.livelink.permission.directory.DirectoryViews.ImportReport;
import io.livelink.permission.directory.DirectoryViews.RowResult;
import io.livelink.permission.tenant.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Bulk import of members from CSV or XLSX. The first row names the columns: {@code account}, {@code
 * displayName} (required), {@code id}, {@code email}, {@code phone}, {@code organisation} (a name)
 * or {@code organisationId}, {@code roles} (separated by ';'). Every row is checked on its own;
 * good rows are added, bad rows are reported with their reasons.
 */
@ApplicationScoped
public class MemberImport {

    public static final String XLSX = SpreadsheetRows.XLSX_MEDIA_TYPE;
    static final int MAX_ROWS = 20_000;
    private static final SpreadsheetRows.Layout LAYOUT =
            new SpreadsheetRows.Layout(List.of("account", "displayName"), Map.of(), MAX_ROWS);

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
        List<SpreadsheetRows.Row> rows = SpreadsheetRows.read(file, xlsx, LAYOUT);
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
            SpreadsheetRows.Row row = rows.get(i);
            int line = row.line();
            if (!row.usable()) {
                results.add(
                        new RowResult(
                                line,
                                row.get("id"),
                                "FAILED",
                                List.of(row.problem().field() + ": " + row.problem().message())));
                continue;
            }
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
                } catch (DomainRefusal refused) {
                    errors.add(refused.detail());
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
}
