package io.livelink.commons.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import io.livelink.commons.outbox.OutboxProbe;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every error leaving a service is an RFC 7807 problem: refusals with their status and reason, bad
 * input as 400 naming each field, unreadable input never as 500, and the unexpected as a 500 that
 * tells nothing of the internals.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ProblemMappingTest {

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Inject OutboxProbe outbox;

    @Test
    void aDomainRefusalKeepsItsStatusAndReasonAndNamesTheRequest() {
        problem(given().get("/probe/refused"), 403)
                .body("reason", is("probe-refused"))
                .body("type", is("https://livelink.io/problems/probe-refused"))
                .body("detail", is("the probe refuses"))
                .body("instance", is("/probe/refused"));
    }

    @Test
    void invalidFieldsAreEachNamedListElementsByIndex() {
        problem(
                        json(Map.of("name", "", "tags", List.of("ok", " ", "x", "y")))
                                .post("/probe/items"),
                        400)
                .body("reason", is("invalid-request"))
                .body("errors.field", contains("name", "tags", "tags[1]"));
    }

    @Test
    void unreadableJsonNamesTheBodyAndAWrongTypeNamesTheField() {
        problem(json("{\"name\": ").post("/probe/items"), 400)
                .body("errors[0].field", is("body"))
                .body("errors[0].message", is("is not valid JSON"));
        problem(json("{\"name\":\"x\",\"count\":\"many\"}").post("/probe/items"), 400)
                .body("errors[0].field", is("count"))
                .body("errors[0].message", is("has a value of the wrong type or format"));
    }

    @Test
    void aNulOrALoneSurrogateAnywhereInJsonIsRefusedAtItsPath() {
        problem(json("{\"name\":\"a\\u0000b\"}").post("/probe/items"), 400)
                .body("errors[0].field", is("name"))
                .body("errors[0].message", containsString("NUL"));
        problem(json("{\"name\":\"ok\",\"tags\":[\"x\",\"\\udc00\"]}").post("/probe/items"), 400)
                .body("errors[0].field", is("tags[1]"))
                .body("errors[0].message", containsString("surrogate"));
        // A pair is a character, not a lone surrogate.
        json("{\"name\":\"\\ud83c\\udfa5\"}").post("/probe/items").then().statusCode(200);
    }

    @Test
    void aNulInAQueryParameterOrFormFieldIsRefusedNamingIt() {
        problem(given().urlEncodingEnabled(false).get("/probe/echo?q=a%00b"), 400)
                .body("errors[0].field", is("q"));
        problem(form("name=a%00b"), 400).body("errors[0].field", is("name"));
        form("name=%E6%98%A5").then().statusCode(200);
    }

    @Test
    void aParameterOfTheWrongKindIsA400SayingWhatItMustBeNotABare404() {
        problem(given().get("/probe/typed/LIVE?page=many"), 400)
                .body("errors[0].field", is("page"))
                .body("errors[0].message", is("must be a whole number"));
        problem(given().get("/probe/typed/LIVE?at=yesterday"), 400)
                .body("errors[0].field", is("at"))
                .body("errors[0].message", containsString("ISO-8601 instant"));
        problem(given().get("/probe/typed/LIVE?open=yes"), 400).body("errors[0].field", is("open"));
        problem(given().get("/probe/typed/LIVELY"), 400)
                .body("errors[0].field", is("kind"))
                .body("errors[0].message", is("must be one of LIVE, REPLAY"));
        given().get("/probe/typed/REPLAY?page=2&at=2026-01-10T10:00:00Z&open=true")
                .then()
                .statusCode(200)
                .body("page", is(2));
    }

    @Test
    void aFormBodyThatIsNotPercentEncodedIsA400OnTheBody() {
        problem(form("%%%=&&=%zz"), 400)
                .body("errors[0].field", is("body"))
                .body("errors[0].message", containsString("percent-encoding"));
    }

    @Test
    void jsonUnderAnotherMediaTypeIsA415NotAStringValue() {
        problem(
                        given().contentType(ContentType.TEXT)
                                .body("{\"value\":\"x\"}")
                                .post("/probe/single"),
                        415)
                .body("errors[0].field", is("Content-Type"));
        json("{\"value\":\"x\"}")
                .post("/probe/single")
                .then()
                .statusCode(200)
                .body("value", is("x"));
    }

    @Test
    void aHugeValueIsNotEchoedWhole() {
        String huge = "y".repeat(200_000);
        problem(json(Map.of("name", huge)).post("/probe/missing"), 404)
                .body("detail.length()", lessThan(200))
                .body("detail", containsString("200000 characters"));
    }

    @Test
    void aLongPathIsNotEchoedWholeAsTheInstance() {
        String longId = "z".repeat(3000);
        problem(given().urlEncodingEnabled(false).get("/probe/typed/" + longId), 400)
                .body("errors[0].field", is("kind"))
                .body("instance.length()", lessThan(100))
                .body("errors[0].message", is("must be one of LIVE, REPLAY"));
    }

    @Test
    void theUnexpectedIsA500ThatTellsNothingOfTheInternals() {
        problem(given().get("/probe/boom"), 500)
                .body("reason", is("internal-error"))
                .body("detail", not(containsString("secret")));
        // A response that cannot be written is the service's fault, not the request's.
        problem(given().get("/probe/unwritable"), 500).body("reason", is("internal-error"));
    }

    @Test
    void textThePostgresqlCannotStoreIsA400AndNothingIsWritten() {
        long before = outbox.onTopic("probe");
        problem(given().post("/probe/store-nul"), 400)
                .body("errors[0].field", is("request"))
                .body("errors[0].message", containsString("NUL"));
        assertThat(outbox.onTopic("probe")).isEqualTo(before);
    }

    private static io.restassured.specification.RequestSpecification json(Object body) {
        return given().contentType(ContentType.JSON).body(body);
    }

    private static io.restassured.response.Response form(String body) {
        return given().contentType("application/x-www-form-urlencoded")
                .body(body)
                .post("/probe/form");
    }

    private static ValidatableResponse problem(
            io.restassured.response.Response response, int status) {
        return response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", is(status));
    }
}
