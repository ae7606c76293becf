package io.livelink.analytics.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.poifs.crypt.CipherAlgorithm;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.HashAlgorithm;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opens every export and compares it with the rows stored in PostgreSQL (written here directly,
 * with exact values; how events become those rows is RollupsTest's subject).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ExportsTest {

    private static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");

    /** More rows than one fetch (ScrollingQuery.FETCH_SIZE) and one SXSSF window. */
    private static final int SECONDS = 3600;

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String miniProgram = UUID.randomUUID().toString();
    private final String h5 = UUID.randomUUID().toString();

    @Inject EntityManager entityManager;

    @BeforeEach
    void storeRollups() {
        stream(miniProgram, "MINI_PROGRAM");
        stream(h5, "H5");
        sql(
                "insert into stream_second (stream_id, second, tenant_id, concurrent_viewers, joins,"
                        + " leaves, new_unique_viewers, revision, computed_at) select :stream,"
                        + " cast(:t0 as timestamptz) + g * interval '1 second', :tenant, g % 50, g % 7,"
                        + " g % 5, g % 3, 1 + g % 2, now() from generate_series(0, :n - 1) g",
                Map.of("stream", miniProgram, "t0", T0, "tenant", tenant, "n", SECONDS));
        // One past the range: not exported.
        sql(
                "insert into stream_second values (:stream, :s, :tenant, 9, 9, 9, 9, 1, now())",
                Map.of("stream", miniProgram, "s", T0.plusSeconds(SECONDS), "tenant", tenant));
        session("openid-A", "sA", T0.plusSeconds(1), T0.plusSeconds(61), T0.plusSeconds(61));
        session("openid-B", "sB", T0.plusMillis(2_500), T0.plusMillis(32_500), null);
        session("openid-C", "sC", T0.plusSeconds(7200), T0.plusSeconds(7300), null);

        minute(T0, "", 3, 3, 150, 2, 1);
        minute(T0, "qq", 1, 1, 50, 1, 1);
        minute(T0, "weibo", 2, 2, 100, 2, 1);
        minute(T0.plusSeconds(60), "", 1, 1, 60, 1, 2);
        minute(T0.plusSeconds(60), "weibo", 1, 1, 60, 1, 2);
        minute(T0.plusSeconds(180), "", 5, 4, 240, 4, 1);
        minute(T0.plusSeconds(180), "wechat", 5, 4, 240, 4, 1);

        day("m-2", "2026-01-14", 3600, 600, 3);
        day("m-1", "2026-01-14", 1800, 0, 2);
        day("m-1", "2026-01-15", 900, 120, 1);
        day("m-1", "2026-02-01", 1, 1, 1);
    }

    @Test
    void secondsCsvHasEveryRowExactly() throws IOException {
        Response response = export("/streams/" + miniProgram + "/seconds/export", "csv");
        response.then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header(
                        "Content-Disposition",
                        is(
                                "attachment; filename=\"stream-"
                                        + miniProgram
                                        + "-seconds-20260110T100000Z.csv\""));
        List<CSVRecord> records = csv(response.asString());
        assertThat(records).hasSize(SECONDS);
        for (int i = 0; i < SECONDS; i++) {
            CSVRecord r = records.get(i);
            assertThat(r.toMap())
                    .isEqualTo(
                            Map.of(
                                    "second", T0.plusSeconds(i).toString(),
                                    "concurrent_viewers", String.valueOf(i % 50),
                                    "joins", String.valueOf(i % 7),
                                    "leaves", String.valueOf(i % 5),
                                    "new_unique_viewers", String.valueOf(i % 3),
                                    "revision", String.valueOf(1 + i % 2)));
        }
    }

    @Test
    void secondsAndViewersXlsxAndViewersCsv() throws IOException {
        byte[] xlsx = export("/streams/" + miniProgram + "/seconds/export", "xlsx").asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheet("Seconds");
            assertThat(sheet.getLastRowNum()).isEqualTo(SECONDS);
            assertThat(cells(sheet.getRow(0)))
                    .containsExactly(
                            "second",
                            "concurrent_viewers",
                            "joins",
                            "leaves",
                            "new_unique_viewers",
                            "revision");
            for (int i = 0; i < SECONDS; i++) {
                Row row = sheet.getRow(i + 1);
                assertThat(row.getCell(0).getStringCellValue())
                        .isEqualTo(T0.plusSeconds(i).toString());
                assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(i % 50);
                assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(i % 7);
                assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(i % 5);
                assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(i % 3);
                assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(1 + i % 2);
            }
        }

        List<CSVRecord> viewers =
                csv(export("/streams/" + miniProgram + "/viewers/export", "csv").asString());
        assertThat(viewers).hasSize(2);
        assertThat(viewers.get(0).toMap())
                .containsEntry("viewer_id", "openid-A")
                .containsEntry("session_id", "sA")
                .containsEntry("channel", "wechat")
                .containsEntry("device", "MOBILE")
                .containsEntry("playback", "LIVE")
                .containsEntry("joined_at", T0.plusSeconds(1).toString())
                .containsEntry("left_at", T0.plusSeconds(61).toString())
                .containsEntry("seconds_watched", "60");
        assertThat(viewers.get(1).toMap())
                .containsEntry("session_id", "sB")
                // Silent for months: ended at its last heartbeat (TIMEOUT).
                .containsEntry("left_at", T0.plusMillis(32_500).toString())
                .containsEntry("last_seen_at", T0.plusMillis(32_500).toString())
                .containsEntry("seconds_watched", "30");

        byte[] viewersXlsx =
                export("/streams/" + miniProgram + "/viewers/export", "xlsx").asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(viewersXlsx))) {
            Sheet sheet = workbook.getSheet("Viewers");
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(cells(sheet.getRow(1)))
                    .containsExactly(
                            "openid-A",
                            "sA",
                            "wechat",
                            "MOBILE",
                            "LIVE",
                            T0.plusSeconds(1).toString(),
                            T0.plusSeconds(61).toString(),
                            T0.plusSeconds(61).toString(),
                            "60.0");
        }
    }

    @Test
    void minutesJsonCarriesTheChannelBreakdown() {
        Response response = export("/streams/" + h5 + "/minutes/export", "json");
        response.then()
                .statusCode(200)
                .contentType(containsString("application/json"))
                .header("Content-Disposition", containsString(".json\""));
        JsonPath json = response.jsonPath();
        assertThat(json.getString("streamId")).isEqualTo(h5);
        assertThat(json.getList("minutes.minute"))
                .containsExactly(
                        T0.toString(),
                        T0.plusSeconds(60).toString(),
                        T0.plusSeconds(180).toString());
        assertThat(json.getList("minutes.views")).containsExactly(3, 1, 5);
        assertThat(json.getList("minutes.uniqueViewers")).containsExactly(3, 1, 4);
        assertThat(json.getList("minutes.watchSeconds")).containsExactly(150, 60, 240);
        assertThat(json.getList("minutes.peakConcurrent")).containsExactly(2, 1, 4);
        assertThat(json.getList("minutes.revision")).containsExactly(1, 2, 1);
        assertThat(json.getList("minutes[0].channels"))
                .containsExactly(
                        Map.of(
                                "channel", "qq",
                                "views", 1,
                                "uniqueViewers", 1,
                                "watchSeconds", 50,
                                "peakConcurrent", 1),
                        Map.of(
                                "channel", "weibo",
                                "views", 2,
                                "uniqueViewers", 2,
                                "watchSeconds", 100,
                                "peakConcurrent", 2));
        assertThat(json.getList("minutes[2].channels.channel")).containsExactly("wechat");
    }

    @Test
    void minutesPdfHasTheTitleTheFiguresAndAChart() throws IOException {
        Response response = export("/streams/" + h5 + "/minutes/export", "pdf");
        response.then()
                .statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", containsString(".pdf\""));
        try (PDDocument pdf = Loader.loadPDF(response.asByteArray())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text)
                    .contains("Viewers over time")
                    .contains("H5 stream " + h5)
                    .contains("Minutes: 3")
                    .contains("Views: 9")
                    .contains("Watch seconds: 450")
                    .contains("Most viewers in a minute: 4")
                    .contains("peak concurrent viewers")
                    .contains("unique viewers");
            String table = text.replaceAll("[ \\t]+", " ");
            assertThat(table)
                    .contains("2026-01-10 10:00 3 3 150 2")
                    .contains("qq 1 1 50 1")
                    .contains("weibo 2 2 100 2")
                    .contains("2026-01-10 10:01 1 1 60 1")
                    .contains("2026-01-10 10:03 5 4 240 4")
                    .contains("wechat 5 4 240 4");
            // The chart: page 1 draws lines (path operators) besides its text.
            String page1 =
                    new String(
                            pdf.getPage(0).getContents().readAllBytes(),
                            java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(page1).contains(" l\n").contains(" m\n").contains("S\n");
        }
    }

    @Test
    void minutesPdfPrintsChineseTitlesAndChannelsAsThemselves() throws IOException {
        sql(
                "insert into known_stream (stream_id, tenant_id, stream_type, title, state,"
                        + " changed_at) values (:stream, :tenant, 'H5', '春季发布会 Spring launch',"
                        + " 'LIVE', :t0)",
                Map.of("stream", h5, "tenant", tenant, "t0", T0));
        minute(T0.plusSeconds(120), "", 2, 2, 90, 2, 1);
        minute(T0.plusSeconds(120), "微博", 2, 2, 90, 2, 1);

        Response response = export("/streams/" + h5 + "/minutes/export", "pdf");
        response.then().statusCode(200).contentType("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(response.asByteArray())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("春季发布会 Spring launch").contains("微博").doesNotContain("?");
            assertThat(text.replaceAll("[ \\t]+", " ")).contains("微博 2 2 90 2");
        }
    }

    @Test
    void dailyExportIsEncryptedWithTheCallersPassword() throws Exception {
        String password = "correct horse battery";
        Response response = dailyExport(password, "2026-01-14", "2026-01-15");
        response.then()
                .statusCode(200)
                .header(
                        "Content-Disposition",
                        is(
                                "attachment; filename=\"tenant-"
                                        + tenant
                                        + "-daily-2026-01-14-2026-01-15.xlsx\""));
        byte[] encrypted = response.asByteArray();

        // Not an XLSX as such: an OLE2 container with the agile-encrypted package.
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(encrypted))) {
            EncryptionInfo info = new EncryptionInfo(fs);
            assertThat(info.getEncryptionMode()).isEqualTo(EncryptionMode.agile);
            // What current Office writes: AES-256 keyed through SHA-512, for the package and the
            // password verifier alike (POI's agile default is AES-128 with SHA-1).
            assertThat(info.getHeader().getCipherAlgorithm()).isEqualTo(CipherAlgorithm.aes256);
            assertThat(info.getHeader().getKeySize()).isEqualTo(256);
            assertThat(info.getHeader().getHashAlgorithm()).isEqualTo(HashAlgorithm.sha512);
            assertThat(info.getVerifier().getCipherAlgorithm()).isEqualTo(CipherAlgorithm.aes256);
            assertThat(info.getVerifier().getHashAlgorithm()).isEqualTo(HashAlgorithm.sha512);
            Decryptor decryptor = Decryptor.getInstance(info);
            assertThat(decryptor.verifyPassword("wrong password")).isFalse();
            assertThat(decryptor.verifyPassword(password)).isTrue();
            try (InputStream plain = decryptor.getDataStream(fs);
                    XSSFWorkbook workbook = new XSSFWorkbook(plain)) {
                Sheet sheet = workbook.getSheetAt(0);
                assertThat(sheet.getLastRowNum()).isEqualTo(3);
                assertThat(cells(sheet.getRow(0)))
                        .containsExactly(
                                "day",
                                "member_id",
                                "time_zone",
                                "live_seconds",
                                "replay_seconds",
                                "first_join_at",
                                "last_leave_at",
                                "sessions",
                                "revision");
                assertThat(cells(sheet.getRow(1)).subList(0, 5))
                        .containsExactly("2026-01-14", "m-1", "Europe/Berlin", "1800.0", "0.0");
                assertThat(cells(sheet.getRow(2)).subList(0, 5))
                        .containsExactly("2026-01-14", "m-2", "Europe/Berlin", "3600.0", "600.0");
                assertThat(cells(sheet.getRow(3)))
                        .containsExactly(
                                "2026-01-15",
                                "m-1",
                                "Europe/Berlin",
                                "900.0",
                                "120.0",
                                "2026-01-15T08:00:00Z",
                                "2026-01-15T09:00:00Z",
                                "1.0",
                                "1.0");
            }
        }
        assertThatThrownBy(() -> WorkbookFactory.create(new ByteArrayInputStream(encrypted)))
                .isInstanceOf(EncryptedDocumentException.class);
        assertThatThrownBy(
                        () ->
                                WorkbookFactory.create(
                                        new ByteArrayInputStream(encrypted), "wrong password"))
                .isInstanceOf(EncryptedDocumentException.class);
        assertThatThrownBy(() -> new XSSFWorkbook(new ByteArrayInputStream(encrypted)))
                .isInstanceOf(
                        org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException.class);
        try (Workbook workbook =
                WorkbookFactory.create(new ByteArrayInputStream(encrypted), password)) {
            assertThat(workbook.getSheetAt(0).getRow(3).getCell(1).getStringCellValue())
                    .isEqualTo("m-1");
        }
    }

    @Test
    void dailyExportRefusesAMissingOrShortPasswordAndOtherTenants() {
        dailyExport(null, "2026-01-14", "2026-01-15")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("X-Export-Password"));
        dailyExport("short", "2026-01-14", "2026-01-15")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("X-Export-Password"))
                .body(org.hamcrest.Matchers.not(containsString("short\"")));
        dailyExport("long enough password", "2026-01-15", "2026-01-14")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("from"));
        given().auth()
                .oauth2(TestTokens.tenantAdmin("other-" + tenant))
                .header("X-Export-Password", "long enough password")
                .queryParam("from", "2026-01-14")
                .queryParam("to", "2026-01-15")
                .post("/tenants/" + tenant + "/daily-rollups/export")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.member(tenant, "m-1"))
                .header("X-Export-Password", "long enough password")
                .queryParam("from", "2026-01-14")
                .queryParam("to", "2026-01-15")
                .post("/tenants/" + tenant + "/daily-rollups/export")
                .then()
                .statusCode(403);
    }

    @Test
    void aFormatOfAnotherStreamTypeOrAnotherTenantOrABadRangeIsAProblem() {
        export("/streams/" + h5 + "/minutes/export", "csv")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("format"));
        export("/streams/" + miniProgram + "/seconds/export", "pdf")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("format"));
        export("/streams/" + miniProgram + "/minutes/export", "json")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("format"));
        export("/streams/" + miniProgram + "/seconds/export", "docx")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("format"));
        export("/streams/" + miniProgram + "/seconds/export", null)
                .then()
                .statusCode(400)
                .body("errors[0].field", is("format"));
        given().auth()
                .oauth2(TestTokens.tenantAdmin("other-" + tenant))
                .queryParam("format", "csv")
                .queryParam("from", T0.toString())
                .queryParam("to", T0.plusSeconds(3600).toString())
                .get("/streams/" + miniProgram + "/seconds/export")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .queryParam("format", "csv")
                .queryParam("from", T0.toString())
                .queryParam("to", T0.plusSeconds(7200).toString())
                .get("/streams/" + miniProgram + "/seconds/export")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("to"));
    }

    private Response export(String path, String format) {
        var request =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .queryParam("from", T0.toString())
                        .queryParam("to", T0.plusSeconds(3600).toString());
        if (format != null) {
            request = request.queryParam("format", format);
        }
        return request.get(path);
    }

    private Response dailyExport(String password, String from, String to) {
        var request =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .queryParam("from", from)
                        .queryParam("to", to);
        if (password != null) {
            request = request.header("X-Export-Password", password);
        }
        return request.post("/tenants/" + tenant + "/daily-rollups/export");
    }

    private static List<CSVRecord> csv(String body) throws IOException {
        try (CSVParser parser =
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(new StringReader(body))) {
            return parser.getRecords();
        }
    }

    private static List<String> cells(Row row) {
        List<String> cells = new java.util.ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
            var cell = row.getCell(i);
            cells.add(
                    cell == null
                            ? null
                            : switch (cell.getCellType()) {
                                case NUMERIC -> String.valueOf(cell.getNumericCellValue());
                                default -> cell.getStringCellValue();
                            });
        }
        return cells;
    }

    private void stream(String streamId, String type) {
        sql(
                "insert into stream_view_totals (stream_id, tenant_id, stream_type, joins, leaves,"
                        + " heartbeats, first_event_at, last_event_at) values (:stream, :tenant,"
                        + " :type, 0, 0, 0, :t0, :t0)",
                Map.of("stream", streamId, "tenant", tenant, "type", type, "t0", T0));
    }

    private void session(
            String viewer, String session, Instant started, Instant lastSeen, Instant ended) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("stream", miniProgram);
        p.put("session", session);
        p.put("tenant", tenant);
        p.put("viewer", viewer);
        p.put("started", started);
        p.put("lastSeen", lastSeen);
        p.put("ended", ended == null ? lastSeen : ended);
        p.put("open", ended == null);
        sql(
                "insert into view_session (stream_id, session_id, opened_at, tenant_id,"
                        + " stream_type, viewer_id, channel, playback, device, started_at,"
                        + " last_seen_at, ended_at, ended_by) values (:stream, :session, :started,"
                        + " :tenant, 'MINI_PROGRAM', :viewer, 'wechat',"
                        + " 'LIVE', 'MOBILE', :started, :lastSeen, cast(:ended as timestamptz),"
                        + " case when :open then 'TIMEOUT' else 'LEAVE' end)",
                p);
    }

    private void minute(
            Instant minute,
            String channel,
            long views,
            long unique,
            long watch,
            long peak,
            int revision) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("stream", h5);
        p.put("minute", minute);
        p.put("channel", channel);
        p.put("tenant", tenant);
        p.put("views", views);
        p.put("unique", unique);
        p.put("watch", watch);
        p.put("peak", peak);
        p.put("revision", revision);
        sql(
                "insert into stream_minute values (:stream, :minute, :channel, :tenant, :views,"
                        + " :unique, :watch, :peak, :revision, now())",
                p);
    }

    private void day(String member, String day, long live, long replay, int sessions) {
        Instant first =
                java.time.LocalDate.parse(day).atTime(8, 0).toInstant(java.time.ZoneOffset.UTC);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tenant", tenant);
        p.put("member", member);
        p.put("day", java.time.LocalDate.parse(day));
        p.put("live", live);
        p.put("replay", replay);
        p.put("first", first);
        p.put("last", first.plusSeconds(3600));
        p.put("sessions", sessions);
        sql(
                "insert into member_daily values (:tenant, :member, :day, 'Europe/Berlin', :live,"
                        + " :replay, :first, :last, :sessions, 1, now())",
                p);
    }

    private void sql(String sql, Map<String, Object> parameters) {
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            Query query = entityManager.createNativeQuery(sql);
                            parameters.forEach(query::setParameter);
                            query.executeUpdate();
                        });
    }
}
