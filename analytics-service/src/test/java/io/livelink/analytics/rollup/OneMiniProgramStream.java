package io.livelink.analytics.rollup;

import static io.restassured.RestAssured.given;

import io.livelink.analytics.ViewFixtures;
import io.livelink.events.ViewKind;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.TestTokens;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.UUID;

/** A MINI_PROGRAM stream of a fresh tenant that a test scripts joins into and reads seconds of. */
final class OneMiniProgramStream {

    final String tenant = "tenant-" + UUID.randomUUID();
    final String streamId = UUID.randomUUID().toString();
    private final EventsOnKafka kafka = EventsOnKafka.shared();

    /** Viewer {@code viewer} joins at {@code at} (its own OpenID and session). */
    void join(String viewer, Instant at) {
        kafka.publish(
                ViewFixtures.miniProgram(
                        tenant, streamId, ViewKind.JOIN, "openid-" + viewer, "s" + viewer, at));
    }

    /** Waits until {@code joins} joins are ingested (not yet rolled up). */
    void awaitJoins(int joins) {
        ViewFixtures.awaitJoins(tenant, streamId, joins);
    }

    /** The rollup of the second starting at {@code start}, as the query API answers it. */
    ValidatableResponse second(Instant start) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .queryParam("from", start.toString())
                .queryParam("to", start.plusSeconds(1).toString())
                .get("/streams/" + streamId + "/seconds")
                .then()
                .statusCode(200);
    }
}
