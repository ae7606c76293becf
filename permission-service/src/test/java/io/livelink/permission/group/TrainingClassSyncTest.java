package io.livelink.permission.group;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.livelink.events.DirectoryGroupChanged;
import io.livelink.events.MemberJoined;
import io.livelink.events.Topics;
import io.livelink.events.TrainingClassSynced;
import io.livelink.events.TrainingClassSynced.Student;
import io.livelink.permission.Fixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TrainingClassSynced from analytics-service, applied through the real broker. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class TrainingClassSyncTest {

    private static final String CODE = "BJ-2026-000021";

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = Fixtures.newTenantId();
    private final String classId = "class-" + UUID.randomUUID();
    private final String groupId = "group-" + UUID.randomUUID();
    private final String s1 = student();
    private final String s2 = student();
    private final String s3 = student();
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void aTenant() {
        Fixtures.tenant(tenant);
    }

    @Test
    void aSyncedClassBecomesAGroupOfItsActivatedStudents() {
        Fixtures.member(tenant, "lecturer-assistant");

        kafka.publish(sync(t0, s1, s2, "lecturer-assistant"));

        awaitGroup(groupId)
                .body("origin", is("TRAINING_CLASS"))
                .body("classId", is(classId))
                .body("classCode", is(CODE))
                .body("name", is("Welding basics (" + CODE + ")"))
                .body("members.id", containsInAnyOrder("lecturer-assistant", s1, s2));
        admin().get("/tenants/" + tenant + "/members/" + s1)
                .then()
                .statusCode(200)
                .body("status", is("ACTIVE"))
                .body("account", is(CODE + "/" + s1))
                .body("displayName", is("Student " + s1))
                .body("phone", nullValue());
        DirectoryGroupChanged announced =
                kafka.awaitEvent(
                        DirectoryGroupChanged.class,
                        e -> e.groupId().equals(groupId),
                        Duration.ofSeconds(20));
        assertThat(announced.memberIds())
                .containsExactlyInAnyOrder("lecturer-assistant", s1, s2)
                .isSorted();
        assertThat(announced.name()).isEqualTo("Welding basics (" + CODE + ")");
        List<MemberJoined> joined =
                kafka.awaitEvents(
                        MemberJoined.class,
                        e -> e.tenantId().equals(tenant) && e.memberId().startsWith("stu-"),
                        2,
                        Duration.ofSeconds(20));
        assertThat(joined).extracting(MemberJoined::memberId).containsExactlyInAnyOrder(s1, s2);
        // The member already in the directory was not admitted again.
        admin().get("/audit?subjectId=lecturer-assistant&action=member.joined")
                .then()
                .body("", hasSize(1));
        admin().get("/audit?subjectId=" + s1 + "&action=member.joined")
                .then()
                .body("[0].actor", is("system"));
    }

    @Test
    void aRedeliveredOrRepublishedSnapshotIsAppliedOnce() {
        ProducerRecord<String, String> record = EventsOnKafka.recordOf(sync(t0, s1, s2));
        kafka.publishRecords(
                List.of(record, record, EventsOnKafka.recordOf(sync(t0, s1, s2)), record));
        String marker = markerAfterwards();

        awaitGroup(marker);
        admin().get("/tenants/" + tenant + "/groups/" + groupId)
                .then()
                .body("members.id", hasSize(2));
        admin().get("/audit?subjectId=" + groupId + "&action=group.synced")
                .then()
                .body("", hasSize(1));
        admin().get("/audit?subjectId=" + s1 + "&action=member.joined").then().body("", hasSize(1));
        List<DirectoryGroupChanged> upToMarker =
                kafka.awaitEvents(
                        DirectoryGroupChanged.class,
                        e -> e.groupId().equals(groupId) || e.groupId().equals(marker),
                        2,
                        Duration.ofSeconds(20));
        assertThat(upToMarker.get(0).groupId()).isEqualTo(groupId);
        assertThat(upToMarker.get(1).groupId())
                .as("one snapshot of the group before the marker's")
                .isEqualTo(marker);
    }

    @Test
    void aSnapshotOlderThanTheOneAppliedIsIgnored() {
        kafka.publish(sync(t0.plusSeconds(10), s1, s2));
        kafka.publish(sync(t0, s1, s3));
        awaitGroup(markerAfterwards());

        admin().get("/tenants/" + tenant + "/groups/" + groupId)
                .then()
                .body("members.id", hasSize(2))
                .body("members.id", org.hamcrest.Matchers.hasItems(s1, s2))
                .body("syncedAt", is(t0.plusSeconds(10).toString()));
        admin().get("/tenants/" + tenant + "/members/" + s3).then().statusCode(404);
    }

    @Test
    void aStudentDroppedFromTheSnapshotLeavesTheGroupButNotTheDirectory() {
        kafka.publish(sync(t0, s1, s2));
        awaitGroup(groupId).body("members", hasSize(2));

        kafka.publish(sync(t0.plusSeconds(1), s1));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                admin().get("/tenants/" + tenant + "/groups/" + groupId)
                                        .then()
                                        .body("members.id", contains(s1)));
        kafka.awaitEvent(
                DirectoryGroupChanged.class,
                e -> e.groupId().equals(groupId) && e.memberIds().equals(List.of(s1)),
                Duration.ofSeconds(20));
        admin().get("/tenants/" + tenant + "/members/" + s2)
                .then()
                .statusCode(200)
                .body("status", is("ACTIVE"));
    }

    @Test
    void aStudentWhoLeftTheDirectoryIsNotReadmittedByALaterSync() {
        kafka.publish(sync(t0, s1, s2));
        awaitGroup(groupId).body("members", hasSize(2));
        admin().delete("/tenants/" + tenant + "/members/" + s2).then().statusCode(204);

        kafka.publish(sync(t0.plusSeconds(1), s1, s2));
        awaitGroup(markerAfterwards());

        admin().get("/tenants/" + tenant + "/groups/" + groupId)
                .then()
                .body("members.id", contains(s1));
        admin().get("/tenants/" + tenant + "/members/" + s2).then().statusCode(404);
        admin().get("/audit?subjectId=" + groupId + "&action=group.synced")
                .then()
                .body(
                        "[0].details.skipped.'" + s2 + "'",
                        org.hamcrest.Matchers.startsWith("left the directory"));
    }

    @Test
    void aClassGroupIsEditedOnlyBySyncsButMayBeDeletedUntilANewerSync() {
        kafka.publish(sync(t0, s1));
        awaitGroup(groupId);
        String group = "/tenants/" + tenant + "/groups/" + groupId;
        Fixtures.member(tenant, "walk-in");

        admin().contentType(ContentType.JSON)
                .body(Map.of("memberIds", List.of("walk-in")))
                .post(group + "/members")
                .then()
                .statusCode(409)
                .body("reason", is("group-managed-by-class"));
        admin().delete(group + "/members/" + s1).then().statusCode(409);

        admin().delete(group).then().statusCode(204);
        kafka.publish(sync(t0.plusMillis(1), s1));
        awaitGroup(markerAfterwards());
        admin().get(group).then().statusCode(404);

        kafka.publish(sync(Instant.now().plusSeconds(5), s1, s2));
        awaitGroup(groupId).body("members", hasSize(2));
    }

    @Test
    void malformedAndInapplicableSyncsGoToTheDeadLetterTopic() {
        String garbageKey = "garbage-" + UUID.randomUUID();
        kafka.publishRaw(Topics.TRAINING_EVENTS, garbageKey, "{\"not\":\"an event\"}");
        assertDeadLettered(garbageKey, "");

        String unknownTenant = Fixtures.newTenantId();
        kafka.publish(
                new TrainingClassSynced(
                        unknownTenant, classId, CODE, "Nowhere", groupId, List.of(), t0));
        assertDeadLettered(unknownTenant, "is not in the directory");

        String manual =
                admin().contentType(ContentType.JSON)
                        .body(Map.of("name", "Manual"))
                        .post("/tenants/" + tenant + "/groups")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        String conflictingClass = "class-" + UUID.randomUUID();
        kafka.publish(
                new TrainingClassSynced(
                        tenant,
                        conflictingClass,
                        CODE,
                        "Hijack",
                        manual,
                        List.of(new Student(s1, "Student " + s1)),
                        t0));
        assertDeadLettered(tenant, "is not class " + conflictingClass + "'s group");
        admin().get("/tenants/" + tenant + "/groups/" + manual)
                .then()
                .body("origin", is("MANUAL"))
                .body("members", hasSize(0));
        admin().get("/tenants/" + tenant + "/members/" + s1).then().statusCode(404);
    }

    @Test
    void aSyncOfAnotherTenantCannotTouchThisTenantsGroup() {
        String manual =
                admin().contentType(ContentType.JSON)
                        .body(Map.of("name", "Ours"))
                        .post("/tenants/" + tenant + "/groups")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        String other = Fixtures.newTenantId();
        Fixtures.tenant(other);

        kafka.publish(
                new TrainingClassSynced(
                        other,
                        classId,
                        CODE,
                        "Theirs",
                        manual,
                        List.of(new Student(s1, "Student " + s1)),
                        t0));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                given().auth()
                                        .oauth2(TestTokens.tenantAdmin(other))
                                        .get("/tenants/" + other + "/groups/" + manual)
                                        .then()
                                        .statusCode(200)
                                        .body("members.id", contains(s1)));
        admin().get("/tenants/" + tenant + "/groups/" + manual)
                .then()
                .body("name", is("Ours"))
                .body("members", hasSize(0));
        admin().get("/tenants/" + other + "/groups/" + manual).then().statusCode(404);
        admin().get("/tenants/" + tenant + "/members/" + s1).then().statusCode(404);
    }

    private void assertDeadLettered(String key, String reasonContains) {
        var record =
                kafka.awaitRawRecord(
                        Topics.DEAD_LETTER,
                        r -> key.equals(r.key()) && r.topic().equals(Topics.DEAD_LETTER),
                        Duration.ofSeconds(20));
        assertThat(
                        new String(
                                record.headers().lastHeader("dead-letter-reason").value(),
                                StandardCharsets.UTF_8))
                .contains(reasonContains);
    }

    /**
     * A sync of another class of the tenant, published after what the test sent: the tenant is the
     * record key, so once its group exists everything sent before was applied (or ignored).
     */
    private String markerAfterwards() {
        String marker = "marker-" + UUID.randomUUID();
        kafka.publish(
                new TrainingClassSynced(
                        tenant,
                        "class-" + UUID.randomUUID(),
                        "BJ-2026-000099",
                        "Marker",
                        marker,
                        List.of(),
                        Instant.now()));
        return marker;
    }

    private io.restassured.response.ValidatableResponse awaitGroup(String id) {
        String path = "/tenants/" + tenant + "/groups/" + id;
        await().atMost(Duration.ofSeconds(20))
                .until(() -> admin().get(path).then().extract().statusCode() == 200);
        return admin().get(path).then().statusCode(200);
    }

    private TrainingClassSynced sync(Instant syncedAt, String... memberIds) {
        return new TrainingClassSynced(
                tenant,
                classId,
                CODE,
                "Welding basics",
                groupId,
                java.util.Arrays.stream(memberIds)
                        .map(id -> new Student(id, "Student " + id))
                        .toList(),
                syncedAt);
    }

    private RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.tenantAdmin(tenant));
    }

    private static String student() {
        return "stu-" + UUID.randomUUID();
    }
}
