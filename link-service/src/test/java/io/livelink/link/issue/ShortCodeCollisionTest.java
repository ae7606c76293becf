package io.livelink.link.issue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.link.LinkFixtures;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Short codes come from an injectable generator: seeded here, so the test knows which codes come
 * next and can make the first one collide with a code already in use.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ShortCodeCollisionTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final long seed = new Random().nextLong();

    @BeforeEach
    void aQualifiedTenant() {
        TenantFixtures.qualifiedTenant(
                kafka, tenant, BroadcastPolicy.SELECTED_MEMBERS, StreamType.H5);
    }

    @Test
    void aCollidingCodeIsDrawnAgain() {
        ShortCodes expected = new ShortCodes(new Random(seed));
        String first = expected.next();
        String second = expected.next();
        String streamId = stream();

        QuarkusMock.installMockForType(new ShortCodes(new Random(seed)), ShortCodes.class);
        assertThat(issue(streamId).statusCode(201).extract().<String>path("url"))
                .endsWith("/s/" + first);

        // The same seed again: its first code is taken now, so the link gets the second.
        QuarkusMock.installMockForType(new ShortCodes(new Random(seed)), ShortCodes.class);
        assertThat(issue(streamId).statusCode(201).extract().<String>path("url"))
                .endsWith("/s/" + second);
        given().get("/s/" + first).then().statusCode(200);
        given().get("/s/" + second).then().statusCode(200);
    }

    @Test
    void aGeneratorThatOnlyCollidesIsRefusedWith503() {
        String streamId = stream();
        QuarkusMock.installMockForType(new ShortCodes(new Random(seed)), ShortCodes.class);
        issue(streamId).statusCode(201);

        // Every draw repeats the code in use: five attempts, then a 503 problem.
        QuarkusMock.installMockForType(
                new ShortCodes(new Random(seed)) {
                    private final String taken = new ShortCodes(new Random(seed)).next();

                    @Override
                    public String next() {
                        return taken;
                    }
                },
                ShortCodes.class);
        issue(streamId)
                .statusCode(503)
                .contentType("application/problem+json")
                .body("reason", is("short-codes-exhausted"));
    }

    private String stream() {
        return LinkFixtures.stream(tenant, "H5");
    }

    private ValidatableResponse issue(String streamId) {
        return LinkFixtures.issue(tenant, streamId, "weibo");
    }
}
