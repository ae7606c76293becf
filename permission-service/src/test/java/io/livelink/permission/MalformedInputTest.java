package io.livelink.permission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input a database cannot store (NUL), text that is not JSON, JSON under another media type and
 * oversized ids are refused as 400 problems naming the field, before anything is written (issue 17:
 * each of these once answered 500).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class MalformedInputTest {

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final String NUL = "a\u0000b";

    private final String tenant = Fixtures.newTenantId();

    @BeforeEach
    void tenantWithAMember() {
        Fixtures.tenant(tenant);
        Fixtures.member(tenant, "alice");
    }

    @Test
    void nulInAPermissionRequestReasonIsA400NamingReasonAndNothingIsStored() {
        refusedNaming(
                asMember().body(Map.of("purpose", "BROADCAST", "reason", NUL)),
                "post",
                "/permission-requests",
                "reason");
        given().auth()
                .oauth2(TestTokens.member(tenant, "alice"))
                .get("/permission-requests")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void nulInDirectoryBodiesIsA400NamingTheField() {
        refusedNaming(
                asAdmin().body(Map.of("name", NUL)),
                "post",
                "/tenants/" + tenant + "/organisations",
                "name");
        refusedNaming(
                asAdmin().body(Map.of("name", "Team", "memberIds", List.of("alice", NUL))),
                "post",
                "/tenants/" + tenant + "/groups",
                "memberIds[1]");
        refusedNaming(
                asAdmin().body(Map.of("organisationId", NUL)),
                "post",
                "/tenants/" + tenant + "/members/alice/move",
                "organisationId");
        refusedNaming(
                asAdmin().body(Map.of("evidence", NUL)),
                "post",
                "/tenants/" + tenant + "/qualifications/H5",
                "evidence");
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/tenants/" + tenant + "/groups")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void nulInBulkDecisionsIsA400NamingTheIdOrComment() {
        refusedNaming(
                asAdmin().body(Map.of("ids", List.of(NUL))),
                "post",
                "/permission-requests/approve",
                "ids[0]");
        refusedNaming(
                asAdmin().body(Map.of("ids", List.of("x"), "comment", NUL)),
                "post",
                "/permission-requests/reject",
                "comment");
    }

    @Test
    void nulInAPathOrQueryParameterIsA400NamingIt() {
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .urlEncodingEnabled(false)
                .get("/tenants/" + tenant + "/members/a%00b")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("memberId"));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .urlEncodingEnabled(false)
                .get("/audit?subjectId=a%00b")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("subjectId"));
    }

    @Test
    void loneSurrogateInJsonIsA400NamingTheField() {
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\\ud800y\"}")
                .post("/tenants/" + tenant + "/organisations")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("name"))
                .body("errors[0].message", containsString("surrogate"));
    }

    @Test
    void nulInAnImportedCsvCellFailsThatRowOnlyAndKeepsTheOthers() {
        String csv = "account,displayName\nbob@example.com,Bob\ncarol@example.com,Ca\u0000rol\n";
        importCsv(csv)
                .statusCode(200)
                .body("imported", is(1))
                .body("failed", is(1))
                .body("rows[1].line", is(3))
                .body("rows[1].status", is("FAILED"))
                .body("rows[1].errors[0]", containsString("displayName"))
                .body("rows[1].errors[0]", containsString("NUL"));
    }

    @Test
    void csvWithAnUnclosedQuoteKeepsTheRowsBeforeItAndReportsTheRestAsOneFailedRow() {
        String csv =
                "account,displayName\n"
                        + "dave@example.com,Dave\n"
                        + "erin@example.com,\"Erin\n"
                        + "frank@example.com,Frank\n";
        importCsv(csv)
                .statusCode(200)
                .body("imported", is(1))
                .body("failed", is(1))
                .body("rows[0].status", is("IMPORTED"))
                .body("rows[1].line", is(3))
                .body("rows[1].status", is("FAILED"))
                .body("rows[1].errors[0]", containsString("quote"));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .queryParam("q", "frank")
                .get("/tenants/" + tenant + "/members")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void jsonSentAsPlainTextIsA415NotStoredAsAString() {
        for (String path : List.of("/organisations", "/members/alice/move")) {
            given().auth()
                    .oauth2(TestTokens.tenantAdmin(tenant))
                    .contentType(ContentType.TEXT)
                    .body("{\"name\":\"Sales\",\"organisationId\":\"x\"}")
                    .post("/tenants/" + tenant + path)
                    .then()
                    .statusCode(415)
                    .contentType("application/problem+json")
                    .body("errors[0].field", is("Content-Type"));
        }
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get("/tenants/" + tenant + "/organisations")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void aHugeUnknownIdIsNotEchoedWholeInTheProblem() {
        String huge = "x".repeat(1_000_000);
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("ids", List.of(huge)))
                .post("/permission-requests/approve")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("ids[0]"))
                .body("detail.length()", lessThan(1000));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("organisationId", huge))
                .post("/tenants/" + tenant + "/members/alice/move")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("organisationId"))
                .body("detail.length()", lessThan(1000))
                .body("errors[0].message.length()", lessThan(1000));
    }

    private ValidatableResponse importCsv(String csv) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType("text/csv")
                .body(csv)
                .post("/tenants/" + tenant + "/members/import")
                .then();
    }

    private io.restassured.specification.RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType(ContentType.JSON);
    }

    private io.restassured.specification.RequestSpecification asMember() {
        return given().auth()
                .oauth2(TestTokens.member(tenant, "alice"))
                .contentType(ContentType.JSON);
    }

    private static ValidatableResponse refusedNaming(
            io.restassured.specification.RequestSpecification request,
            String method,
            String path,
            String field) {
        return request.request(method, path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("reason", is("invalid-request"))
                .body("errors[0].field", is(field))
                .body("errors[0].message", containsString("NUL"));
    }
}
