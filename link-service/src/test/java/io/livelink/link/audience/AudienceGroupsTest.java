package io.livelink.link.audience;

import static io.livelink.link.StreamRequests.create;
import static io.livelink.link.StreamRequests.update;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.DirectoryGroupChanged;
import io.livelink.events.LinkRevoked;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ENTERPRISE streams bound to a directory group, fed by DirectoryGroupChanged on the broker. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class AudienceGroupsTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String group = "group-" + UUID.randomUUID();
    private final String alice = "alice-" + UUID.randomUUID();
    private final String bob = "bob-" + UUID.randomUUID();
    private final String carol = "carol-" + UUID.randomUUID();
    private final String lecturer = "lecturer-" + UUID.randomUUID();

    @BeforeEach
    void aTenantWithAClassGroup() {
        TenantFixtures.qualifiedTenant(
                kafka, tenant, BroadcastPolicy.ALL_MEMBERS, StreamType.H5, StreamType.ENTERPRISE);
        for (String member : List.of(alice, bob, carol, lecturer)) {
            TenantFixtures.member(kafka, tenant, member);
        }
        knownGroup(group, alice, bob);
    }

    @Test
    void aBoundStreamIssuesMemberLinksOnlyToItsGroupItsLecturerAndAdmins() {
        String streamId =
                create(TestTokens.member(tenant, lecturer), bound(group))
                        .statusCode(201)
                        .body("audienceGroupId", is(group))
                        .extract()
                        .path("id");

        resolve(link(admin(), streamId, alice).statusCode(201)).statusCode(200);
        link(TestTokens.member(tenant, bob), streamId, null).statusCode(201);
        link(admin(), streamId, carol)
                .statusCode(403)
                .contentType("application/problem+json")
                .body("reason", is("not-in-audience-group"));
        link(TestTokens.member(tenant, carol), streamId, null)
                .statusCode(403)
                .body("reason", is("not-in-audience-group"));

        // The lecturer watches their own course; a tenant admin may look in on any.
        resolve(link(TestTokens.member(tenant, lecturer), streamId, null).statusCode(201))
                .statusCode(200)
                .body("viewerId", is(lecturer));
        resolve(link(admin(), streamId, null).statusCode(201))
                .statusCode(200)
                .body("viewerId", is("admin-of-" + tenant));

        // The same member is welcome on a stream bound to no group.
        String unbound =
                create(admin(), Map.of("type", "ENTERPRISE", "title", "All hands"))
                        .statusCode(201)
                        .body("audienceGroupId", nullValue())
                        .extract()
                        .path("id");
        resolve(link(admin(), unbound, carol).statusCode(201)).statusCode(200);
    }

    @Test
    void aMemberDroppedFromTheGroupIsRefusedAtResolveAndTheirViewEnds() {
        String streamId = create(admin(), bound(group)).statusCode(201).extract().path("id");
        String aliceLink = link(admin(), streamId, alice).statusCode(201).extract().path("url");
        String bobLink = link(admin(), streamId, bob).statusCode(201).extract().path("url");
        String adminLink = link(admin(), streamId, null).statusCode(201).extract().path("url");
        String session = resolve(aliceLink).statusCode(200).extract().path("viewSession");
        String adminSession = resolve(adminLink).statusCode(200).extract().path("viewSession");
        String aliceLinkId = aliceLink.replaceFirst(".*[?&]nonce=([^&]+).*", "$1");

        kafka.publish(
                new DirectoryGroupChanged(tenant, group, "Class", List.of(bob), Instant.now()));
        Instant acknowledged = Instant.now();

        // When link-service applied it (revoking her link), measured from the broker's ack.
        LinkRevoked revoked =
                kafka.awaitEvent(
                        LinkRevoked.class,
                        e -> e.linkId().equals(aliceLinkId),
                        Duration.ofSeconds(20));
        assertThat(revoked.reason()).isEqualTo("removed from audience group");
        Duration applied = Duration.between(acknowledged, revoked.revokedAt());
        io.quarkus.logging.Log.infof(
                "group removal applied %d ms after the broker's ack", applied.toMillis());
        assertThat(applied)
                // The same consumer applies MemberLeft and grant revocations: 0.3-1.5 s measured
                // there, 2 s is what holds on every run (see RevocationTest).
                .isLessThan(Duration.ofSeconds(2));
        resolve(aliceLink).statusCode(410).body("reason", is("revoked"));
        given().post("/sessions/" + session + "/heartbeat").then().statusCode(410);
        resolve(bobLink).statusCode(200);
        given().post("/sessions/" + adminSession + "/heartbeat").then().statusCode(200);
        link(admin(), streamId, alice).statusCode(403);

        // Back in the group, back in the audience, with a new link (the old one stays revoked).
        kafka.publish(
                new DirectoryGroupChanged(
                        tenant, group, "Class", List.of(alice, bob), Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> link(admin(), streamId, alice).statusCode(201));
        resolve(link(admin(), streamId, alice).statusCode(201)).statusCode(200);
        resolve(aliceLink).statusCode(410);
    }

    @Test
    void streamStateChangedCarriesTheBroadcasterAndTheAudienceGroup() {
        String other = "group-" + UUID.randomUUID();
        knownGroup(other, carol);
        String streamId =
                create(TestTokens.member(tenant, lecturer), bound(group))
                        .statusCode(201)
                        .extract()
                        .path("id");

        StreamStateChanged created =
                kafka.awaitEvent(
                        StreamStateChanged.class,
                        e -> e.streamId().equals(streamId),
                        Duration.ofSeconds(20));
        assertThat(created.previousState()).isNull();
        assertThat(created.broadcasterId()).isEqualTo(lecturer);
        assertThat(created.audienceGroupId()).isEqualTo(group);

        update(TestTokens.member(tenant, lecturer), streamId, Map.of("audienceGroupId", other))
                .statusCode(200)
                .body("audienceGroupId", is(other));
        StreamStateChanged rebound =
                kafka.awaitEvent(
                        StreamStateChanged.class,
                        e -> e.streamId().equals(streamId) && other.equals(e.audienceGroupId()),
                        Duration.ofSeconds(20));
        assertThat(rebound.previousState()).isEqualTo(StreamState.SCHEDULED);
        assertThat(rebound.state()).isEqualTo(StreamState.SCHEDULED);
        link(admin(), streamId, carol).statusCode(201);
        link(admin(), streamId, alice).statusCode(403);

        update(admin(), streamId, Map.of("audienceGroupId", ""))
                .statusCode(200)
                .body("audienceGroupId", nullValue());
        kafka.awaitEvent(
                StreamStateChanged.class,
                e ->
                        e.streamId().equals(streamId)
                                && e.previousState() != null
                                && e.audienceGroupId() == null,
                Duration.ofSeconds(20));
        link(admin(), streamId, alice).statusCode(201);
    }

    @Test
    void bindingsAreValidatedNamingTheField() {
        create(admin(), Map.of("type", "H5", "title", "Public", "audienceGroupId", group))
                .statusCode(400)
                .body("errors.field", contains("audienceGroupId"));
        Map<String, Object> everyone = new HashMap<>(bound(group));
        everyone.put("watchScope", "EVERYONE");
        create(admin(), everyone).statusCode(400).body("errors.field", contains("audienceGroupId"));
        create(admin(), bound("group-nobody-heard-of"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("audienceGroupId"));

        String streamId = create(admin(), bound(group)).statusCode(201).extract().path("id");
        update(admin(), streamId, Map.of("watchScope", "EVERYONE"))
                .statusCode(400)
                .body("errors.field", contains("watchScope"));
        update(admin(), streamId, Map.of("audienceGroupId", "group-nobody-heard-of"))
                .statusCode(400)
                .body("errors.field", contains("audienceGroupId"));
        given().auth()
                .oauth2(admin())
                .get("/streams/" + streamId)
                .then()
                .body("watchScope", is("EMPLOYEES_ONLY"))
                .body("audienceGroupId", is(group));

        // Another tenant cannot bind to this tenant's group, whatever its id.
        String otherTenant = "tenant-" + UUID.randomUUID();
        TenantFixtures.qualifiedTenant(
                kafka, otherTenant, BroadcastPolicy.SELECTED_MEMBERS, StreamType.ENTERPRISE);
        create(TestTokens.tenantAdmin(otherTenant), bound(group))
                .statusCode(400)
                .body("errors.field", contains("audienceGroupId"));
    }

    @Test
    void anOlderSnapshotDoesNotUndoANewerOne() {
        String streamId = create(admin(), bound(group)).statusCode(201).extract().path("id");
        Instant now = Instant.now();
        kafka.publish(new DirectoryGroupChanged(tenant, group, "Class", List.of(alice), now));
        kafka.publish(
                new DirectoryGroupChanged(
                        tenant, group, "Class", List.of(alice, bob, carol), now.minusSeconds(1)));
        // Keyed by tenant like the two before it: once it is applied, so are they.
        knownGroup("marker-" + UUID.randomUUID());

        link(admin(), streamId, alice).statusCode(201);
        link(admin(), streamId, bob).statusCode(403);
        link(admin(), streamId, carol).statusCode(403);
    }

    /** Publishes the group as permission-service would and waits until streams may bind to it. */
    private void knownGroup(String groupId, String... members) {
        kafka.publish(
                new DirectoryGroupChanged(
                        tenant, groupId, "Group " + groupId, List.of(members), Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                create(
                                                admin(),
                                                Map.of(
                                                        "type",
                                                        "ENTERPRISE",
                                                        "title",
                                                        "read model probe",
                                                        "audienceGroupId",
                                                        groupId))
                                        .statusCode(201));
    }

    private static Map<String, Object> bound(String groupId) {
        return Map.of(
                "type",
                "ENTERPRISE",
                "title",
                "Welding basics, lesson 1",
                "audienceGroupId",
                groupId);
    }

    private String admin() {
        return TestTokens.tenantAdmin(tenant);
    }

    /** A member link, for {@code memberId} or (null) the caller. */
    private static ValidatableResponse link(String token, String streamId, String memberId) {
        Map<String, Object> body = new HashMap<>();
        body.put("channel", "wecom");
        if (memberId != null) {
            body.put("memberId", memberId);
        }
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/streams/" + streamId + "/links")
                .then();
    }

    private static ValidatableResponse resolve(ValidatableResponse issued) {
        return resolve((String) issued.extract().path("url"));
    }

    private static ValidatableResponse resolve(String url) {
        return given().urlEncodingEnabled(false)
                .get(url.replaceFirst("^https?://[^/]+", ""))
                .then();
    }
}
