package io.livelink.permission.group;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.livelink.events.DirectoryGroupChanged;
import io.livelink.permission.Fixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class GroupsTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = Fixtures.newTenantId();

    @BeforeEach
    void aTenantWithMembers() {
        Fixtures.tenant(tenant);
        for (String member : List.of("ann", "bob", "cai")) {
            Fixtures.member(tenant, member);
        }
    }

    @Test
    void aGroupOfActiveMembersIsCreatedAnnouncedAndAudited() {
        String groupId =
                create(Map.of("name", " Sales leads ", "memberIds", List.of("bob", "ann")))
                        .statusCode(201)
                        .body("name", is("Sales leads"))
                        .body("origin", is("MANUAL"))
                        .body("members.id", contains("ann", "bob"))
                        .body("members[0].displayName", is("Member ann"))
                        .extract()
                        .path("id");

        DirectoryGroupChanged announced = awaitSnapshot(groupId, List.of("ann", "bob"));
        assertThat(announced.tenantId()).isEqualTo(tenant);
        assertThat(announced.name()).isEqualTo("Sales leads");
        admin().get(groups())
                .then()
                .statusCode(200)
                .body("id", contains(groupId))
                .body("[0].memberCount", is(2));
        admin().get("/audit?subjectId=" + groupId)
                .then()
                .body("action", contains("group.created"))
                .body("[0].actor", is("admin-of-" + tenant));
    }

    @Test
    void membersMustBeActiveInTheDirectoryAndNothingIsWrittenOtherwise() {
        admin().delete("/tenants/" + tenant + "/members/cai").then().statusCode(204);

        create(Map.of("name", "Mixed", "memberIds", List.of("ann", "nobody", "cai")))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("reason", is("invalid-request"))
                .body("errors.field", contains("memberIds[1]", "memberIds[2]"))
                .body("errors[0].message", is("no active member nobody in this tenant"));
        create(Map.of("name", " ", "memberIds", List.of("ann")))
                .statusCode(400)
                .body("errors.field", contains("name"));
        admin().get(groups()).then().statusCode(200).body("", empty());

        String groupId = create(Map.of("name", "Ok")).statusCode(201).extract().path("id");
        members("PUT", groups() + "/" + groupId + "/members", List.of("ann", "ghost"))
                .statusCode(400)
                .body("errors.field", contains("memberIds[1]"));
        admin().contentType(ContentType.JSON)
                .body(Map.of())
                .put(groups() + "/" + groupId + "/members")
                .then()
                .statusCode(400)
                .body("errors.field", contains("memberIds"));
        admin().get(groups() + "/" + groupId).then().body("members", empty());
    }

    @Test
    void membersAreReplacedAddedAndRemovedEachChangeAnnouncedAsASnapshot() {
        String groupId = createdGroup("Rotating", List.of("ann"));
        String members = groups() + "/" + groupId + "/members";

        members("PUT", members, List.of("bob", "cai"))
                .statusCode(200)
                .body("members.id", contains("bob", "cai"));
        awaitSnapshot(groupId, List.of("bob", "cai"));

        members("POST", members, List.of("ann", "bob"))
                .statusCode(200)
                .body("members.id", contains("ann", "bob", "cai"));
        awaitSnapshot(groupId, List.of("ann", "bob", "cai"));

        admin().delete(members + "/cai")
                .then()
                .statusCode(200)
                .body("members.id", contains("ann", "bob"));
        awaitSnapshot(groupId, List.of("ann", "bob"));
        admin().delete(members + "/cai").then().statusCode(404);

        admin().get("/audit?subjectId=" + groupId)
                .then()
                .body(
                        "action",
                        contains(
                                "group.member-removed",
                                "group.members-added",
                                "group.members-replaced",
                                "group.created"));
    }

    @Test
    void aMemberWhoLeavesTheDirectoryLeavesEveryGroup() {
        String both = createdGroup("Both", List.of("ann", "bob"));
        String annOnly = createdGroup("Ann only", List.of("ann"));

        admin().delete("/tenants/" + tenant + "/members/ann").then().statusCode(204);

        awaitSnapshot(both, List.of("bob"));
        awaitSnapshot(annOnly, List.of());
        admin().get(groups() + "/" + both).then().body("members.id", contains("bob"));
        admin().get("/audit?subjectId=" + annOnly + "&action=group.member-removed")
                .then()
                .body("", hasSize(1))
                .body("[0].actor", is("system"))
                .body("[0].reason", is("member left the tenant"));
    }

    @Test
    void aDeletedGroupIsAnnouncedEmptyAndIsGone() {
        String groupId = createdGroup("Short-lived", List.of("ann"));
        awaitSnapshot(groupId, List.of("ann"));

        admin().delete(groups() + "/" + groupId).then().statusCode(204);

        awaitSnapshot(groupId, List.of());
        admin().get(groups() + "/" + groupId).then().statusCode(404);
        admin().get(groups()).then().body("", empty());
        admin().delete(groups() + "/" + groupId).then().statusCode(404);
        admin().get("/audit?subjectId=" + groupId + "&action=group.deleted")
                .then()
                .body("", hasSize(1));
    }

    @Test
    void anotherTenantsAdminNeitherSeesNorChangesTheGroups() {
        String groupId = createdGroup("Private", List.of("ann"));
        String other = Fixtures.newTenantId();
        Fixtures.tenant(other);
        Fixtures.member(other, "olga");
        RequestSpecification otherAdmin = given().auth().oauth2(TestTokens.tenantAdmin(other));

        otherAdmin.get(groups()).then().statusCode(404);
        otherAdmin.get(groups() + "/" + groupId).then().statusCode(404);
        otherAdmin.delete(groups() + "/" + groupId).then().statusCode(404);
        otherAdmin
                .contentType(ContentType.JSON)
                .body(Map.of("memberIds", List.of("olga")))
                .post(groups() + "/" + groupId + "/members")
                .then()
                .statusCode(404);
        // Under its own tenant, the other admin still cannot reach this tenant's group.
        given().auth()
                .oauth2(TestTokens.tenantAdmin(other))
                .get("/tenants/" + other + "/groups/" + groupId)
                .then()
                .statusCode(404);
        // Nor can this tenant's admin put another tenant's member into a group.
        members("POST", groups() + "/" + groupId + "/members", List.of("olga"))
                .statusCode(400)
                .body("errors.field", contains("memberIds[0]"));
        given().auth()
                .oauth2(TestTokens.member(tenant, "ann"))
                .get(groups())
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .get(groups() + "/" + groupId)
                .then()
                .statusCode(200)
                .body("members.id", contains("ann"));
    }

    private DirectoryGroupChanged awaitSnapshot(String groupId, List<String> memberIds) {
        return kafka.awaitEvent(
                DirectoryGroupChanged.class,
                e -> e.groupId().equals(groupId) && e.memberIds().equals(memberIds),
                Duration.ofSeconds(20));
    }

    /** PUT replaces, POST adds. */
    private ValidatableResponse members(String method, String path, List<String> memberIds) {
        return admin().contentType(ContentType.JSON)
                .body(Map.of("memberIds", memberIds))
                .request(method, path)
                .then();
    }

    private String createdGroup(String name, List<String> memberIds) {
        return create(Map.of("name", name, "memberIds", memberIds))
                .statusCode(201)
                .extract()
                .path("id");
    }

    private ValidatableResponse create(Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(body).post(groups()).then();
    }

    private String groups() {
        return "/tenants/" + tenant + "/groups";
    }

    private RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.tenantAdmin(tenant));
    }
}
