package io.livelink.link.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
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
 * Every operation of link-service's OpenAPI document (the media servers' callbacks and the public
 * resolve included), sent bad input with a tenant admin's and a platform admin's token: no 5xx,
 * every 4xx a problem, every 400 naming the field, and the tenant's rows unchanged (issue 17).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class OpenApiFuzzTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void noBadInputReachesA500OrWritesAnything() throws Exception {
        String tenant = "fuzz-" + UUID.randomUUID();
        TenantFixtures.qualifiedTenant(
                EventsOnKafka.shared(),
                tenant,
                BroadcastPolicy.ALL_MEMBERS,
                StreamType.MINI_PROGRAM,
                StreamType.H5);
        Map<String, Long> before = TenantRows.of("link", tenant);

        OpenApiFuzz.requireNoFindings(
                base.toURI(),
                Map.of("id", tenant),
                List.of(TestTokens.tenantAdmin(tenant), TestTokens.platformAdmin()));

        assertThat(TenantRows.of("link", tenant)).isEqualTo(before);
    }
}
