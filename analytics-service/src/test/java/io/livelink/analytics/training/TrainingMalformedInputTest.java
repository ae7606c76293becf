package io.livelink.analytics.training;

import static io.livelink.analytics.training.TrainingFixtures.createClass;
import static io.livelink.analytics.training.TrainingFixtures.idNumber;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.livelink.analytics.training.roster.Gender;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Training input that once answered 500 (issue 17): a NUL in a class's name or a roster cell, and a
 * roster CSV with a quote never closed. Now a 400 naming the field, or the row's own failure in the
 * import report with the rows before it kept.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class TrainingMalformedInputTest {

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private final String tenant = "malformed-" + UUID.randomUUID();
    private final String admin = TestTokens.tenantAdmin(tenant);

    @Test
    void nulInAClassNameIsA400NamingNameAndNoClassIsCreated() {
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("name", "班\u0000级", "classType", "职业技能提升", "trainingMode", "LIVE"))
                .post("/training/classes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("name"))
                .body("errors[0].message", containsString("NUL"));
        given().auth()
                .oauth2(admin)
                .get("/training/classes")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void aRosterWithAnUnclosedQuoteKeepsTheRowsBeforeItAndReportsTheRest() {
        String classId = createClass(tenant, "Quotes");
        String csv =
                "name,gender,idNumber,phone,education\n"
                        + "张三,男,"
                        + idNumber(1, Gender.MALE)
                        + ",13812345678,本科\n"
                        + "\"李四,女,"
                        + idNumber(2, Gender.FEMALE)
                        + ",13812345679,本科\n"
                        + "王五,男,"
                        + idNumber(3, Gender.MALE)
                        + ",13812345670,本科\n";
        importCsv(classId, csv.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("imported", is(1))
                .body("failed", is(1))
                .body("rows[0].line", is(2))
                .body("rows[0].status", is("IMPORTED"))
                .body("rows[1].line", is(3))
                .body("rows[1].status", is("FAILED"))
                .body("rows[1].errors[0].field", is("row"))
                .body("rows[1].errors[0].message", containsString("never closed"));
    }

    @Test
    void aNulInARosterCellFailsItsRowNamingTheColumnAsTheFileSpellsIt() {
        String classId = createClass(tenant, "Nul");
        String csv =
                "姓名,性别,身份证号,手机号,文化程度\n"
                        + "张\u0000三,男,"
                        + idNumber(4, Gender.MALE)
                        + ",13812345678,本科\n"
                        + "李四,女,"
                        + idNumber(5, Gender.FEMALE)
                        + ",13812345679,本科\n";
        importCsv(classId, csv.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("imported", is(1))
                .body("rows[0].status", is("FAILED"))
                .body("rows[0].errors[0].field", is("姓名"))
                .body("rows[0].errors[0].message", containsString("NUL"))
                .body("rows[1].status", is("IMPORTED"));
    }

    @Test
    void aRosterSavedInGbkIsRefusedAsNotUtf8InsteadOfStoredGarbled() {
        String classId = createClass(tenant, "GBK");
        String csv =
                "姓名,性别,身份证号,手机号,文化程度\n" + "张三,男," + idNumber(6, Gender.MALE) + ",13812345678,本科\n";
        importCsv(classId, csv.getBytes(Charset.forName("GBK")))
                .statusCode(400)
                .body("errors[0].field", is("file"))
                .body("errors[0].message", containsString("UTF-8"));
    }

    private io.restassured.response.ValidatableResponse importCsv(String classId, byte[] csv) {
        return given().auth()
                .oauth2(admin)
                .contentType("text/csv")
                .body(csv)
                .post("/training/classes/" + classId + "/students/import")
                .then();
    }
}
