package io.livelink.link.issue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.link.LinkFixtures;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A stream's links and a member's links, as issuing answered them, against real PostgreSQL. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class LinkListsTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String admin = TestTokens.tenantAdmin(tenant);

    @BeforeEach
    void aTenant() {
        TenantFixtures.qualifiedTenant(
                kafka,
                tenant,
                BroadcastPolicy.SELECTED_MEMBERS,
                StreamType.MINI_PROGRAM,
                StreamType.ENTERPRISE,
                StreamType.H5);
    }

    @Test
    void aStreamsLinksAreListedNewestFirstWithTheirUrlsUtmAndRevocation() {
        String h5 = stream("H5");
        JsonPath weibo =
                issue(
                        h5,
                        Map.of(
                                "channel", "weibo-post",
                                "utmSource", "weibo",
                                "utmMedium", "social",
                                "utmCampaign", "spring"));
        JsonPath poster = issue(h5, Map.of("channel", "poster"));
        given().auth()
                .oauth2(admin)
                .post("/links/" + weibo.getString("linkId") + "/revoke")
                .then()
                .statusCode(200);

        JsonPath listed = links("/streams/" + h5 + "/links", admin);
        assertThat(listed.getList("linkId"))
                .containsExactly(poster.getString("linkId"), weibo.getString("linkId"));
        assertThat(listed.getString("[0].url")).isEqualTo(poster.getString("url"));
        assertThat(listed.getString("[0].utmSource")).isEqualTo("poster");
        assertThat(listed.getString("[0].revokedAt")).isNull();
        assertThat(listed.getString("[0].expiresAt")).isEqualTo(poster.getString("expiresAt"));
        assertThat(listed.getString("[1].url")).isEqualTo(weibo.getString("url"));
        assertThat(listed.getString("[1].channel")).isEqualTo("weibo-post");
        assertThat(listed.getString("[1].utmSource")).isEqualTo("weibo");
        assertThat(listed.getString("[1].utmMedium")).isEqualTo("social");
        assertThat(listed.getString("[1].utmCampaign")).isEqualTo("spring");
        assertThat(listed.getString("[1].revokedAt")).isNotNull();
        assertThat(listed.getString("[1].streamType")).isEqualTo("H5");

        // A page at a time: the second page of one is the older link.
        given().auth()
                .oauth2(admin)
                .queryParam("page", 1)
                .queryParam("size", 1)
                .get("/streams/" + h5 + "/links")
                .then()
                .statusCode(200)
                .body("size()", is(1))
                .body("[0].linkId", is(weibo.getString("linkId")));

        // A MINI_PROGRAM link comes back with its URL scheme and page path.
        String miniProgram = stream("MINI_PROGRAM");
        JsonPath menu = issue(miniProgram, Map.of("channel", "wechat-menu"));
        JsonPath menuListed = links("/streams/" + miniProgram + "/links", admin);
        assertThat(menuListed.getString("[0].url")).isEqualTo(menu.getString("url"));
        assertThat(menuListed.getString("[0].pagePath")).isEqualTo(menu.getString("pagePath"));
        assertThat(menuListed.getString("[0].expiresAt")).isNull();
    }

    @Test
    void aMembersLinksAreTheirMemberLinksAndNobodyElsesToSee() {
        String enterprise = stream("ENTERPRISE");
        TenantFixtures.member(kafka, tenant, "li.si");
        TenantFixtures.member(kafka, tenant, "wang.wu");
        JsonPath forLiSi = issue(enterprise, Map.of("channel", "wecom", "memberId", "li.si"));
        JsonPath forWangWu = issue(enterprise, Map.of("channel", "mail", "memberId", "wang.wu"));

        JsonPath liSis = links("/members/li.si/links", admin);
        assertThat(liSis.getList("linkId")).containsExactly(forLiSi.getString("linkId"));
        assertThat(liSis.getString("[0].memberId")).isEqualTo("li.si");
        assertThat(liSis.getString("[0].channel")).isEqualTo("wecom");
        assertThat(liSis.getString("[0].streamId")).isEqualTo(enterprise);
        assertThat(liSis.getString("[0].expiresAt")).isEqualTo(forLiSi.getString("expiresAt"));
        assertThat(liSis.getString("[0].url"))
                .as("a member link's signed URL is handed out by issuing only")
                .isNull();

        // A member sees their own, not another's; in the stream's list only theirs.
        String liSi = TestTokens.member(tenant, "li.si");
        assertThat(links("/members/li.si/links", liSi).getList("linkId"))
                .containsExactly(forLiSi.getString("linkId"));
        given().auth()
                .oauth2(liSi)
                .get("/members/wang.wu/links")
                .then()
                .statusCode(403)
                .body("reason", is("forbidden-role"));
        assertThat(links("/streams/" + enterprise + "/links", liSi).getList("linkId"))
                .containsExactly(forLiSi.getString("linkId"));
        // Member links are issued to the second (their signature covers it), so these two may
        // share one: their order is the same instant's.
        assertThat(links("/streams/" + enterprise + "/links", admin).getList("linkId"))
                .containsExactlyInAnyOrder(
                        forWangWu.getString("linkId"), forLiSi.getString("linkId"));

        // Revoking a member's links shows on their list.
        given().auth().oauth2(admin).post("/members/li.si/links/revoke").then().statusCode(200);
        assertThat(links("/members/li.si/links", admin).getString("[0].revokedAt")).isNotNull();
    }

    @Test
    void anotherTenantsAdminSeesNoneOfThem() {
        String h5 = stream("H5");
        issue(h5, Map.of("channel", "weibo"));
        String enterprise = stream("ENTERPRISE");
        TenantFixtures.member(kafka, tenant, "zhao.liu");
        issue(enterprise, Map.of("channel", "wecom", "memberId", "zhao.liu"));

        String otherAdmin = TestTokens.tenantAdmin("other-" + tenant);
        given().auth()
                .oauth2(otherAdmin)
                .get("/streams/" + h5 + "/links")
                .then()
                .statusCode(404)
                .body("reason", is("not-found"));
        given().auth()
                .oauth2(otherAdmin)
                .get("/members/zhao.liu/links")
                .then()
                .statusCode(200)
                .body("$", empty());
    }

    @Test
    void pagingOutOfRangeIsAProblemNamingTheParameter() {
        String h5 = stream("H5");
        for (String path : List.of("/streams/" + h5 + "/links", "/members/li.si/links")) {
            given().auth()
                    .oauth2(admin)
                    .queryParam("size", 0)
                    .get(path)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("reason", is("invalid-request"))
                    .body("errors.field", hasItem("size"));
            given().auth()
                    .oauth2(admin)
                    .queryParam("size", 501)
                    .get(path)
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem("size"));
            given().auth()
                    .oauth2(admin)
                    .queryParam("page", -1)
                    .get(path)
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem("page"));
            given().auth()
                    .oauth2(admin)
                    .queryParam("page", "many")
                    .get(path)
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem("page"));
        }
    }

    private String stream(String type) {
        return LinkFixtures.stream(tenant, type);
    }

    private JsonPath issue(String streamId, Map<String, Object> body) {
        return given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/streams/" + streamId + "/links")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static JsonPath links(String path, String token) {
        return given().auth().oauth2(token).get(path).then().statusCode(200).extract().jsonPath();
    }
}
