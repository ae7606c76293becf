package io.livelink.permission.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPermissionRequestCancelled;
import io.livelink.events.BroadcastPermissionRevoked;
import io.livelink.events.MemberJoined;
import io.livelink.events.MemberLeft;
import io.livelink.permission.Fixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class DirectoryTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = Fixtures.newTenantId();

    @BeforeEach
    void aTenant() {
        Fixtures.tenant(tenant);
    }

    @Test
    void addedMemberIsAnnouncedAndListedWithAMaskedPhone() {
        addMember(
                        Map.of(
                                "id",
                                "wx1",
                                "account",
                                "Wang.Xiaoming@example.com",
                                "displayName",
                                "Wang Xiaoming",
                                "phone",
                                "13812345678",
                                "roles",
                                List.of("lecturer")))
                .statusCode(201)
                .body("phone", is("138****5678"))
                .body("roles", contains("lecturer"));
        MemberJoined joined =
                kafka.awaitEvent(
                        MemberJoined.class,
                        e -> e.tenantId().equals(tenant),
                        Duration.ofSeconds(20));
        assertThat(joined.memberId()).isEqualTo("wx1");
        assertThat(joined.displayName()).isEqualTo("Wang Xiaoming");

        admin().get("/tenants/" + tenant + "/members")
                .then()
                .statusCode(200)
                .body("[0].phone", is("138****5678"));
        addMember(
                        Map.of(
                                "id",
                                "wx2",
                                "account",
                                "WANG.XIAOMING@example.com",
                                "displayName",
                                "Someone"))
                .statusCode(409)
                .body("reason", is("account-taken"));
    }

    @Test
    void searchIsFuzzyAndCaseInsensitiveOnNameAndAccount() {
        addMember(Map.of("id", "a", "account", "wang.xiaoming", "displayName", "Wang Xiaoming"))
                .statusCode(201);
        addMember(Map.of("id", "b", "account", "li.lei", "displayName", "Li Lei")).statusCode(201);
        addMember(Map.of("id", "c", "account", "han.meimei", "displayName", "Han Meimei"))
                .statusCode(201);

        search("XIAOMING").body("id", contains("a"));
        search("li.l").body("id", contains("b"));
        search("Wang Xiaomng").body("id", contains("a"));
        search("meimei").body("id", contains("c"));
        search("zzz").body("", hasSize(0));
        admin().get("/tenants/" + tenant + "/members?size=2&page=1").then().body("", hasSize(1));
    }

    @Test
    void organisationTreeAndMoves() {
        String root =
                admin().contentType(ContentType.JSON)
                        .body(Map.of("name", "Sales"))
                        .post("/tenants/" + tenant + "/organisations")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        String east =
                admin().contentType(ContentType.JSON)
                        .body(Map.of("name", "Sales East", "parentId", root))
                        .post("/tenants/" + tenant + "/organisations")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        addMember(
                        Map.of(
                                "id",
                                "m1",
                                "account",
                                "m1",
                                "displayName",
                                "M One",
                                "organisationId",
                                root))
                .statusCode(201);

        admin().contentType(ContentType.JSON)
                .body(Map.of("organisationId", east))
                .post("/tenants/" + tenant + "/members/m1/move")
                .then()
                .statusCode(200)
                .body("organisationId", is(east));
        admin().get("/tenants/" + tenant + "/members?organisationId=" + east)
                .then()
                .body("id", contains("m1"));
        admin().delete("/tenants/" + tenant + "/organisations/" + root)
                .then()
                .statusCode(409)
                .body("reason", is("organisation-not-empty"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("organisationId", "nope"))
                .post("/tenants/" + tenant + "/members/m1/move")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("organisationId"));
        admin().get("/tenants/" + tenant + "/organisations")
                .then()
                .body("name", hasItem("Sales East"));
    }

    @Test
    void aMemberWhoLeavesLosesGrantsAndPendingRequests() {
        Fixtures.member(tenant, "leaver");
        String grantId =
                admin().contentType(ContentType.JSON)
                        .body(Map.of("memberId", "leaver"))
                        .post("/grants")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        String requestId =
                given().auth()
                        .oauth2(TestTokens.member(tenant, "leaver"))
                        .contentType(ContentType.JSON)
                        .body(Map.of("purpose", "USE_APP", "reason", "training"))
                        .post("/permission-requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");

        admin().delete("/tenants/" + tenant + "/members/leaver?reason=resigned")
                .then()
                .statusCode(204);

        kafka.awaitEvent(
                MemberLeft.class,
                e -> e.tenantId().equals(tenant) && e.memberId().equals("leaver"),
                Duration.ofSeconds(20));
        kafka.awaitEvent(
                BroadcastPermissionRevoked.class,
                e -> e.grantId().equals(grantId),
                Duration.ofSeconds(20));
        kafka.awaitEvent(
                BroadcastPermissionRequestCancelled.class,
                e -> e.requestId().equals(requestId),
                Duration.ofSeconds(20));
        admin().get("/tenants/" + tenant + "/members/leaver").then().statusCode(404);
        admin().get("/tenants/" + tenant + "/members?includeLeft=true")
                .then()
                .body("find { it.id == 'leaver' }.status", is("LEFT"));
    }

    @Test
    void csvImportKeepsGoodRowsAndReportsEachBadRowWithItsReason() {
        admin().contentType(ContentType.JSON)
                .body(Map.of("name", "Training"))
                .post("/tenants/" + tenant + "/organisations")
                .then()
                .statusCode(201);
        String csv =
                String.join(
                        "\n",
                        "account,displayName,email,phone,organisation,roles",
                        "zhang.san,Zhang San,zhang@example.com,13900001111,Training,student;monitor",
                        "li.si,,li@example.com,,,",
                        "wang.wu,Wang Wu,not-an-email,,,",
                        "zhang.san,Zhang San Again,,,,",
                        "zhao.liu,Zhao Liu,,,Nowhere,",
                        "qian.qi,Qian Qi,,,,");

        ValidatableResponse report =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .contentType("text/csv")
                        .body(csv)
                        .post("/tenants/" + tenant + "/members/import")
                        .then()
                        .statusCode(200);
        report.body("imported", is(2))
                .body("failed", is(4))
                .body("rows.find { it.line == 2 }.status", is("IMPORTED"))
                .body("rows.find { it.line == 3 }.errors[0]", is("displayName: must not be blank"))
                .body(
                        "rows.find { it.line == 4 }.errors[0]",
                        org.hamcrest.Matchers.startsWith("email:"))
                .body(
                        "rows.find { it.line == 5 }.errors[0]",
                        is("account: appears more than once in the file"))
                .body(
                        "rows.find { it.line == 6 }.errors[0]",
                        is("organisation: no organisation named 'Nowhere'"))
                .body("rows.find { it.line == 7 }.status", is("IMPORTED"));

        search("zhang").body("", hasSize(1)).body("[0].roles", contains("student", "monitor"));
        search("qian").body("", hasSize(1));
    }

    @Test
    void xlsxImportWorksTheSameWay() throws Exception {
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("members");
            String[][] rows = {
                {"Account", "Display Name", "Phone"},
                {"sun.ba", "Sun Ba", "13700002222"},
                {"", "No Account", ""},
                {"zhou.jiu", "Zhou Jiu", "12"},
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            book.write(out);
            workbook = out.toByteArray();
        }
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .body(workbook)
                .post("/tenants/" + tenant + "/members/import")
                .then()
                .statusCode(200)
                .body("imported", is(1))
                .body("failed", is(2))
                .body("rows.find { it.line == 3 }.errors[0]", is("account: must not be blank"))
                .body("rows.find { it.line == 4 }.errors[0]", is("phone: must be a phone number"));
        search("sun").body("[0].phone", is("137****2222"));
    }

    @Test
    void unreadableImportsAreRefusedWithAProblem() {
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType("text/csv")
                .body("name,phone\nx,1")
                .post("/tenants/" + tenant + "/members/import")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("file"));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .body(new byte[] {1, 2, 3})
                .post("/tenants/" + tenant + "/members/import")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("file"));
    }

    private io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.tenantAdmin(tenant));
    }

    private ValidatableResponse addMember(Map<String, Object> body) {
        return admin().contentType(ContentType.JSON)
                .body(body)
                .post("/tenants/" + tenant + "/members")
                .then();
    }

    private ValidatableResponse search(String q) {
        return admin().queryParam("q", q)
                .get("/tenants/" + tenant + "/members")
                .then()
                .statusCode(200);
    }
}
