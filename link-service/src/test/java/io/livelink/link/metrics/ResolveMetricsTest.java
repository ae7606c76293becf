package io.livelink.link.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.link.LinkFixtures;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.MonitoringAsCode;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Resolves and refusals are counted as operators' dashboards read them. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ResolveMetricsTest {

    private static final Map<String, String> RESOLVED_H5 =
            Map.of("type", "H5", "outcome", "resolved", "reason", "none");
    private static final Map<String, String> UNKNOWN_H5 =
            Map.of("type", "H5", "outcome", "refused", "reason", "unknown-link");
    private static final Map<String, String> OUTSIDE_WECHAT =
            Map.of("type", "MINI_PROGRAM", "outcome", "refused", "reason", "outside-wechat");

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Test
    void aResolveAndEachRefusalAreCountedByTypeAndReason() {
        TenantFixtures.qualifiedTenant(
                EventsOnKafka.shared(), tenant, BroadcastPolicy.ALL_MEMBERS, StreamType.H5);
        String url =
                LinkFixtures.issue(tenant, LinkFixtures.stream(tenant, "H5"), "weibo")
                        .statusCode(201)
                        .extract()
                        .path("url");
        double resolved = count(RESOLVED_H5);
        double unknown = count(UNKNOWN_H5);
        double outsideWeChat = count(OUTSIDE_WECHAT);

        given().get(LinkFixtures.pathOf(url)).then().statusCode(200);
        given().get("/s/0000000000").then().statusCode(404);
        given().header("X-WeChat-OpenId", "o" + "A".repeat(27))
                .get("/mp/0000000000")
                .then()
                .statusCode(403);

        assertThat(count(RESOLVED_H5)).isEqualTo(resolved + 1);
        assertThat(count(UNKNOWN_H5)).isEqualTo(unknown + 1);
        assertThat(count(OUTSIDE_WECHAT)).isEqualTo(outsideWeChat + 1);
    }

    private static double count(Map<String, String> labels) {
        return MonitoringAsCode.sample(
                given().get("/q/metrics").then().extract().asString(),
                "livelink_resolves_total",
                labels);
    }
}
