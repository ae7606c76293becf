package io.livelink.analytics.training;

import static io.livelink.analytics.training.TrainingFixtures.idNumber;
import static io.livelink.analytics.training.TrainingFixtures.student;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import io.livelink.analytics.training.roster.Gender;
import io.livelink.commons.imports.SpreadsheetRows;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Classes and rosters: codes, validation, activation, masking, encryption and isolation. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class RosterTest {

    private final String tenant = "roster-" + UUID.randomUUID();
    private final String admin = TestTokens.tenantAdmin(tenant);

    @Inject EntityManager entityManager;

    @Test
    void classesGetConsecutiveCodesOfThePlatformsForm() {
        String first = code(TrainingFixtures.createClass(tenant, "A"));
        String second = code(TrainingFixtures.createClass(tenant, "B"));
        assertThat(first).matches("BJ-\\d{4}-\\d{6}");
        assertThat(Integer.parseInt(second.substring(8)))
                .isGreaterThan(Integer.parseInt(first.substring(8)));
    }

    @Test
    void onDemandTrainingIsNotOpenYet() {
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("name", "点播班", "classType", "技能", "trainingMode", "ON_DEMAND"))
                .post("/training/classes")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("reason", is("training-mode-not-open"))
                .body("errors[0].field", is("trainingMode"));
    }

    @Test
    void aBadStudentIsRefusedFieldByFieldAndNothingIsWritten() {
        String classId = TrainingFixtures.createClass(tenant, "校验班");
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(
                        Map.of(
                                "name", "",
                                "gender", "?",
                                "idNumber", "110105199003071230",
                                "phone", "010-1234",
                                "education", "幼儿园"))
                .post("/training/classes/" + classId + "/students")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("gender"))
                .body("errors.field", hasItem("idNumber"))
                .body("errors.field", hasItem("phone"))
                .body("errors.field", hasItem("education"));
        given().auth()
                .oauth2(admin)
                .get("/training/classes/" + classId + "/students")
                .then()
                .statusCode(200)
                .body("total", is(0));
    }

    @Test
    void theSamePersonCannotBeInAClassTwice() {
        String classId = TrainingFixtures.createClass(tenant, "重复班");
        String id = idNumber(11, Gender.MALE);
        add(classId, student("张三", Gender.MALE, id));
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(
                        student(
                                "张三",
                                Gender.MALE,
                                id.substring(0, 17) + id.substring(17).toLowerCase()))
                .post("/training/classes/" + classId + "/students")
                .then()
                .statusCode(409)
                .body("reason", is("student-exists"));
    }

    @Test
    void anActivatedStudentCanNoLongerBeEditedOrDeleted() {
        String classId = TrainingFixtures.createClass(tenant, "激活班");
        String zhang = add(classId, student("张三", Gender.MALE, idNumber(21, Gender.MALE)));
        String li = add(classId, student("李四", Gender.FEMALE, idNumber(22, Gender.FEMALE)));
        String wang = add(classId, student("王五", Gender.MALE, idNumber(23, Gender.MALE)));

        // Before activation a student may be edited and deleted.
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(student("张三丰", Gender.MALE, idNumber(21, Gender.MALE)))
                .put("/training/classes/" + classId + "/students/" + zhang)
                .then()
                .statusCode(200)
                .body("name", is("张三丰"));
        given().auth()
                .oauth2(admin)
                .delete("/training/classes/" + classId + "/students/" + wang)
                .then()
                .statusCode(204);

        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("studentIds", List.of(zhang)))
                .post("/training/classes/" + classId + "/students/activate")
                .then()
                .statusCode(200)
                .body("[0].status", is("ACTIVATED"));

        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(student("张三", Gender.MALE, idNumber(21, Gender.MALE)))
                .put("/training/classes/" + classId + "/students/" + zhang)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("reason", is("student-activated"));
        given().auth()
                .oauth2(admin)
                .delete("/training/classes/" + classId + "/students/" + zhang)
                .then()
                .statusCode(409);
        // Bulk delete is all or nothing: the activated one refuses it, the other stays too.
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("studentIds", List.of(li, zhang)))
                .post("/training/classes/" + classId + "/students/delete")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(admin)
                .get("/training/classes/" + classId + "/students")
                .then()
                .statusCode(200)
                .body("total", is(2));
    }

    @Test
    void personalDataIsEncryptedAtRestMaskedInListsAndRevealedOnlyWithAnAuditEntry() {
        String classId = TrainingFixtures.createClass(tenant, "隐私班");
        String id = idNumber(31, Gender.FEMALE);
        add(classId, student("赵六", Gender.FEMALE, id));

        given().auth()
                .oauth2(admin)
                .get("/training/classes/" + classId + "/students")
                .then()
                .statusCode(200)
                .body("items[0].idNumber", is(id.substring(0, 4) + "**********" + id.substring(14)))
                .body("items[0].phone", matchesPattern("138\\*{4}5678"));
        List<?> stored =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        entityManager
                                                .createNativeQuery(
                                                        "select id_number_cipher || ' ' ||"
                                                                + " phone_cipher || ' ' || member_id"
                                                                + " from training_student where"
                                                                + " class_id = :c")
                                                .setParameter("c", classId)
                                                .getResultList());
        assertThat(stored).hasSize(1);
        assertThat((String) stored.get(0)).doesNotContain(id).doesNotContain("13812345678");

        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .get("/training/classes/" + classId + "/students?reveal=true")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(admin)
                .get("/training/classes/" + classId + "/students?reveal=true")
                .then()
                .statusCode(200)
                .body("items[0].idNumber", is(id))
                .body("items[0].phone", is("13812345678"));
        Number revealed =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        (Number)
                                                entityManager
                                                        .createNativeQuery(
                                                                "select count(*) from"
                                                                        + " training_audit where"
                                                                        + " class_id = :c and"
                                                                        + " action ="
                                                                        + " 'personal-data.revealed'")
                                                        .setParameter("c", classId)
                                                        .getSingleResult());
        assertThat(revealed.intValue()).isEqualTo(1);
    }

    @Test
    void anotherTenantSeesNoClassAndNoStudents() {
        String classId = TrainingFixtures.createClass(tenant, "隔离班");
        String other = TestTokens.tenantAdmin("other-" + tenant);
        for (String path :
                List.of(
                        "",
                        "/students",
                        "/courses",
                        "/attendance",
                        "/report",
                        "/certificate.pdf")) {
            given().auth()
                    .oauth2(other)
                    .get("/training/classes/" + classId + path)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
        given().auth()
                .oauth2(other)
                .contentType("application/json")
                .body(student("钱七", Gender.MALE, idNumber(41, Gender.MALE)))
                .post("/training/classes/" + classId + "/students")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.member(tenant, "m1"))
                .get("/training/classes/" + classId)
                .then()
                .statusCode(403);
    }

    @Test
    void anXlsxImportWithEnglishHeadersWorksAndAFileWithoutAColumnIsRefused() throws IOException {
        String classId = TrainingFixtures.createClass(tenant, "表格班");
        byte[] xlsx;
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet();
            String[][] rows = {
                {"Name", "Gender", "ID Number", "Phone", "Education"},
                {"孙八", "MALE", idNumber(51, Gender.MALE), "13900000001", "BACHELOR"},
                {"周九", "FEMALE", idNumber(52, Gender.FEMALE), "13900000002", "junior_college"},
            };
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
            xlsx = out.toByteArray();
        }
        given().auth()
                .oauth2(admin)
                .contentType(SpreadsheetRows.XLSX_MEDIA_TYPE)
                .body(xlsx)
                .post("/training/classes/" + classId + "/students/import")
                .then()
                .statusCode(200)
                .body("imported", is(2))
                .body("failed", is(0));
        given().auth()
                .oauth2(admin)
                .contentType("text/csv")
                .body("name,gender,idNumber,phone\n孙八,男,x,1\n")
                .post("/training/classes/" + classId + "/students/import")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("file"))
                .body("errors[0].message", is("the header has no 'education' column"));
    }

    @Test
    void thePlatformMustBeHttpsUnlessLoopbackAndItsSecretIsNeverShown() {
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(
                        Map.of(
                                "endpoint",
                                "http://platform.example.com/r",
                                "clientId",
                                "",
                                "secret",
                                "short"))
                .put("/training/platform")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("endpoint"))
                .body("errors.field", hasItem("clientId"))
                .body("errors.field", hasItem("secret"));
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(
                        Map.of(
                                "endpoint", "https://platform.example.com/reports",
                                "clientId", "c-1",
                                "secret", "0123456789abcdef0123"))
                .put("/training/platform")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin)
                .get("/training/platform")
                .then()
                .statusCode(200)
                .body("endpoint", is("https://platform.example.com/reports"))
                .body("secretSet", is(true))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));
    }

    @Test
    void uploadingWithoutAPlatformIsAConflict() {
        String lonely = "no-platform-" + UUID.randomUUID();
        String classId = TrainingFixtures.createClass(lonely, "无平台");
        given().auth()
                .oauth2(TestTokens.tenantAdmin(lonely))
                .post("/training/classes/" + classId + "/report")
                .then()
                .statusCode(409)
                .body("reason", is("platform-not-configured"));
    }

    private String add(String classId, Map<String, String> student) {
        return given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(student)
                .post("/training/classes/" + classId + "/students")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String code(String classId) {
        return given().auth()
                .oauth2(admin)
                .get("/training/classes/" + classId)
                .then()
                .statusCode(200)
                .extract()
                .path("code");
    }
}
