package io.livelink.analytics.metrics;

import static io.restassured.RestAssured.given;

import io.livelink.testsupport.MonitoringAsCode;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Operators' dashboards and alerts (deploy/) use only metrics this service exports. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class OperatorMetricsTest {

    @Test
    void everyMetricTheDashboardAndAlertRulesUseIsExported() {
        // One API request, so the HTTP server's series exist.
        given().get("/training/classes").then().statusCode(401);

        MonitoringAsCode.assertExportedBy(
                "analytics-service", () -> given().get("/q/metrics").then().extract().asString());
    }
}
