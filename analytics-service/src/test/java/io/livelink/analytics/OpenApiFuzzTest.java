package io.livelink.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.livelink.testsupport.fuzz.OpenApiFuzz;
import io.livelink.testsupport.fuzz.TenantRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of analytics-service's OpenAPI document, sent bad input with a tenant admin's, a
 * platform admin's and a member's token: no 5xx, every 4xx a problem, every 400 naming the field,
 * and the tenant's rows unchanged (issue 17).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class OpenApiFuzzTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void noBadInputReachesA500OrWritesAnything() throws Exception {
        String tenant = "fuzz-" + UUID.randomUUID();
        Map<String, Long> before = TenantRows.of("analytics", tenant);

        OpenApiFuzz.requireNoFindings(
                base.toURI(),
                Map.of("tenantId", tenant, "t", tenant, "memberId", "alice"),
                List.of(
                        TestTokens.tenantAdmin(tenant),
                        TestTokens.platformAdmin(),
                        TestTokens.member(tenant, "alice")));

        assertThat(TenantRows.of("analytics", tenant)).isEqualTo(before);
    }
}
