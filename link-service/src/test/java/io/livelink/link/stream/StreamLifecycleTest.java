package io.livelink.link.stream;

import static io.livelink.link.StreamRequests.create;
import static io.livelink.link.StreamRequests.update;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.Playback;
import io.livelink.events.StreamState;
import io.livelink.events.StreamStateChanged;
import io.livelink.events.StreamType;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class StreamLifecycleTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String member = "m-" + UUID.randomUUID();

    @BeforeEach
    void aTenantWhereEveryMemberMayBroadcast() {
        TenantFixtures.qualifiedTenant(kafka, tenant, BroadcastPolicy.ALL_MEMBERS, StreamType.H5);
    }

    @Test
    void aMembersPublicStreamGetsLinksOnlyOnceATenantAdminApprovedIt() {
        String streamId =
                create(
                                TestTokens.member(tenant, member),
                                Map.of("type", "H5", "title", "My launch"))
                        .statusCode(201)
                        .body("approved", is(false))
                        .extract()
                        .path("id");
        issueLink(TestTokens.member(tenant, member), streamId)
                .statusCode(409)
                .body("reason", is("stream-not-approved"));

        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .post("/streams/" + streamId + "/approve")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .post("/streams/" + streamId + "/approve")
                .then()
                .statusCode(200)
                .body("approved", is(true));
        issueLink(TestTokens.member(tenant, member), streamId).statusCode(201);
    }

    @Test
    void publicStreamsWithInducedSharingAreRefusedNamingThePhrase() {
        create(TestTokens.tenantAdmin(tenant), Map.of("type", "H5", "title", "新品发布 分享到朋友圈 领红包"))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("reason", is("banned-phrase"))
                .body("errors[0].field", is("title"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("分享到朋友圈领红包"));
        create(
                        TestTokens.tenantAdmin(tenant),
                        Map.of("type", "H5", "title", "Launch", "description", "集赞送好礼"))
                .statusCode(422)
                .body("errors[0].field", is("description"));
        create(
                        TestTokens.tenantAdmin(tenant),
                        Map.of(
                                "type",
                                "H5",
                                "title",
                                "分享到朋友圈领红包 (internal only)",
                                "watchScope",
                                "EMPLOYEES_ONLY"))
                .statusCode(201);
    }

    @Test
    void aStreamGoesLiveAndEndsAndEachStepIsAnnounced() {
        String admin = TestTokens.tenantAdmin(tenant);
        String streamId =
                create(
                                TestTokens.member(tenant, member),
                                Map.of(
                                        "type",
                                        "H5",
                                        "title",
                                        "Live",
                                        "watchScope",
                                        "EMPLOYEES_ONLY",
                                        "replayEnabled",
                                        false))
                        .statusCode(201)
                        .extract()
                        .path("id");
        given().auth()
                .oauth2(TestTokens.member(tenant, "someone-else"))
                .post("/streams/" + streamId + "/start")
                .then()
                .statusCode(403)
                .body("reason", is("not-the-broadcaster"));
        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .post("/streams/" + streamId + "/start")
                .then()
                .statusCode(200)
                .body("state", is("LIVE"));
        String url = issueLink(admin, streamId).statusCode(201).extract().path("url");
        given().get(path(url)).then().statusCode(200).body("playback", is(Playback.LIVE.name()));

        given().auth()
                .oauth2(admin)
                .post("/streams/" + streamId + "/end")
                .then()
                .statusCode(200)
                .body("state", is("ENDED"));
        given().auth()
                .oauth2(admin)
                .post("/streams/" + streamId + "/start")
                .then()
                .statusCode(409)
                .body("reason", is("illegal-transition"));
        given().get(path(url)).then().statusCode(403).body("reason", is("stream-not-watchable"));

        StreamStateChanged ended =
                kafka.awaitEvent(
                        StreamStateChanged.class,
                        e -> e.streamId().equals(streamId) && e.state() == StreamState.ENDED,
                        Duration.ofSeconds(20));
        assertThat(ended.previousState()).isEqualTo(StreamState.LIVE);
    }

    @Test
    void anEndedStreamWithReplayIsWatchedAsAReplay() {
        String admin = TestTokens.tenantAdmin(tenant);
        String streamId =
                create(admin, Map.of("type", "H5", "title", "Replayable"))
                        .statusCode(201)
                        .extract()
                        .path("id");
        String url = issueLink(admin, streamId).statusCode(201).extract().path("url");
        given().auth().oauth2(admin).post("/streams/" + streamId + "/end").then().statusCode(200);
        given().get(path(url)).then().statusCode(200).body("playback", is("REPLAY"));
    }

    @Test
    void theCreatorChangesAStreamAndAChangedPublicStreamIsReviewedAndApprovedAgain() {
        String admin = TestTokens.tenantAdmin(tenant);
        String streamId =
                create(
                                TestTokens.member(tenant, member),
                                Map.of(
                                        "type",
                                        "H5",
                                        "title",
                                        "Draft",
                                        "watchScope",
                                        "EMPLOYEES_ONLY"))
                        .statusCode(201)
                        .body("approved", is(true))
                        .extract()
                        .path("id");

        update(TestTokens.member(tenant, "someone-else"), streamId, Map.of("title", "Mine now"))
                .statusCode(403);
        update(
                        TestTokens.member(tenant, member),
                        streamId,
                        Map.of("watchScope", "EVERYONE", "title", "集赞送礼品"))
                .statusCode(422)
                .body("reason", is("banned-phrase"));
        update(
                        TestTokens.member(tenant, member),
                        streamId,
                        Map.of(
                                "watchScope",
                                "EVERYONE",
                                "title",
                                "Spring launch",
                                "replayEnabled",
                                false))
                .statusCode(200)
                .body("approved", is(false))
                .body("title", is("Spring launch"))
                .body("replayEnabled", is(false));
        given().auth()
                .oauth2(admin)
                .post("/streams/" + streamId + "/approve")
                .then()
                .statusCode(200)
                .body("approved", is(true));
        update(admin, streamId, Map.of("description", "Our new phone"))
                .statusCode(200)
                .body("approved", is(true));
        update(admin, streamId, Map.of("title", ""))
                .statusCode(400)
                .body("errors[0].field", is("title"));
    }

    private static ValidatableResponse issueLink(String token, String streamId) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "weibo"))
                .post("/streams/" + streamId + "/links")
                .then();
    }

    private static String path(String url) {
        return url.replaceFirst("^https?://[^/]+", "");
    }
}
