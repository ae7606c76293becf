package io.livelink.link;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;

/** The stream API as a caller with a token uses it. */
public final class StreamRequests {

    private StreamRequests() {}

    public static ValidatableResponse create(String token, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/streams")
                .then();
    }

    public static ValidatableResponse update(
            String token, String streamId, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .patch("/streams/" + streamId)
                .then();
    }
}
