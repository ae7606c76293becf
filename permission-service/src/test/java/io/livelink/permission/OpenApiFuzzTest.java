package io.livelink.permission;

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
import org.junit.jupiter.api.Test;

/**
 * Every operation of permission-service's OpenAPI document, sent bad input as a tenant admin, a
 * platform admin and a member: no 5xx, every 4xx a problem, every 400 naming the field, and the
 * tenant's rows unchanged (issue 17).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class OpenApiFuzzTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void noBadInputReachesA500OrWritesAnything() throws Exception {
        String tenant = Fixtures.newTenantId();
        Fixtures.tenant(tenant);
        Fixtures.member(tenant, "alice");
        Map<String, Long> before = TenantRows.of("permission", tenant);

        OpenApiFuzz.requireNoFindings(
                base.toURI(),
                Map.of("tenantId", tenant, "memberId", "alice"),
                List.of(
                        TestTokens.tenantAdmin(tenant),
                        TestTokens.platformAdmin(),
                        TestTokens.member(tenant, "alice")));

        assertThat(TenantRows.of("permission", tenant)).isEqualTo(before);
    }
}
