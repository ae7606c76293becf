package io.livelink.link;

import static io.restassured.RestAssured.given;

import io.livelink.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;

/** Streams and links created through the API by a tenant admin, as most tests need them. */
public final class LinkFixtures {

    private LinkFixtures() {}

    /** A SCHEDULED stream of the type, created (and so approved) by the tenant admin. */
    public static String stream(String tenant, String type) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("type", type, "title", "Launch"))
                .post("/streams")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Issues a link of the stream for the channel; the answer is not checked. */
    public static ValidatableResponse issue(String tenant, String streamId, String channel) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("channel", channel))
                .post("/streams/" + streamId + "/links")
                .then();
    }

    /** The path (and query) of a link, to request it from the service under test. */
    public static String pathOf(String url) {
        return url.replaceFirst("^https?://[^/]+", "");
    }

    /** The short-link path of a fresh H5 link of the stream. */
    public static String h5Path(String tenant, String streamId) {
        return pathOf(issue(tenant, streamId, "weibo").statusCode(201).extract().path("url"));
    }
}
