package io.livelink.link.input;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.link.StreamRequests;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a media server or a client may send that link-service cannot use: a NUL in a form field or
 * JSON string, a form body that is not form-encoded, JSON under another media type. Each is a 400
 * (or 415) problem naming the field, never a 500 (issue 17), and changes nothing.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class MalformedInputTest {

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @BeforeEach
    void aQualifiedTenant() {
        TenantFixtures.qualifiedTenant(kafka, tenant, BroadcastPolicy.ALL_MEMBERS, StreamType.H5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"on_publish", "on_play", "on_done"})
    void nginxRtmpCallbackWithANulInTheStreamNameIsA400NamingName(String callback) {
        nginxRtmp(callback, "app=live&name=a%00b&key=k&session=s&call=publish")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("reason", is("invalid-request"))
                .body("errors[0].field", is("name"))
                .body("errors[0].message", containsString("NUL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"on_publish", "on_play", "on_done"})
    void nginxRtmpCallbackWithABodyThatIsNotFormEncodedIsA400(String callback) {
        nginxRtmp(callback, "%%%=&&=%zz")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("reason", is("invalid-request"))
                .body("errors[0].field", is("body"))
                .body("errors[0].message", containsString("percent-encoding"));
    }

    @Test
    void aWellFormedCallbackStillReachesTheCallback() {
        // The defence reads the form before the resource does; the resource still sees its fields.
        nginxRtmp("on_play", "app=live&name=" + UUID.randomUUID() + "&session=none")
                .statusCode(403)
                .body("reason", is("tampered"));
    }

    @Test
    void nulInAStreamTitleIsA400NamingTitleAndTheStreamIsUnchanged() {
        String admin = TestTokens.tenantAdmin(tenant);
        String streamId =
                StreamRequests.create(admin, Map.of("type", "H5", "title", "Launch"))
                        .statusCode(201)
                        .extract()
                        .path("id");
        StreamRequests.update(admin, streamId, Map.of("title", "La\u0000unch"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("title"))
                .body("errors[0].message", containsString("NUL"));
        StreamRequests.create(admin, Map.of("type", "H5", "title", "x\u0000"))
                .statusCode(400)
                .body("errors[0].field", is("title"));
        given().auth()
                .oauth2(admin)
                .get("/streams/" + streamId)
                .then()
                .statusCode(200)
                .body("title", is("Launch"));
    }

    @Test
    void jsonSentAsPlainTextIsA415() {
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.TEXT)
                .body("{\"type\":\"H5\",\"title\":\"Launch\"}")
                .post("/streams")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    private static ValidatableResponse nginxRtmp(String callback, String body) {
        return given().contentType("application/x-www-form-urlencoded")
                .body(body)
                .post("/media/nginx-rtmp/" + callback)
                .then();
    }
}
