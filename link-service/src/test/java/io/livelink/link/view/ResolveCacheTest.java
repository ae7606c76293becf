package io.livelink.link.view;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.link.LinkFixtures;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resolve keeps what it read of a link and its stream for half a second. Changes made through this
 * instance are seen at once (the revocation and lifecycle tests resolve right after them); a change
 * another instance made, written here straight to the database as that instance would, is seen
 * within the TTL, so revocation stays within a second across instances.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ResolveCacheTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject EntityManager entityManager;

    @BeforeEach
    void aQualifiedTenant() {
        TenantFixtures.qualifiedTenant(
                kafka, tenant, BroadcastPolicy.SELECTED_MEMBERS, StreamType.H5);
    }

    @Test
    void aRevocationByAnotherInstanceIsRefusedWithinTheTtl() throws InterruptedException {
        String path = LinkFixtures.h5Path(tenant, LinkFixtures.stream(tenant, "H5"));
        for (int i = 0; i < 5; i++) {
            given().get(path).then().statusCode(200);
        }

        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "update stream_link set revoked_at = now() where short_code = :code")
                                        .setParameter("code", path.substring("/s/".length()))
                                        .executeUpdate());
        assertRefusedWithinASecond(path, 410);
    }

    @Test
    void aStreamEndedByAnotherInstanceIsSeenWithinTheTtl() throws InterruptedException {
        String streamId = LinkFixtures.stream(tenant, "H5");
        String path = LinkFixtures.h5Path(tenant, streamId);
        given().get(path).then().statusCode(200);

        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "update live_stream set state = 'ENDED', replay_enabled = false where id = :id")
                                        .setParameter("id", streamId)
                                        .executeUpdate());
        assertRefusedWithinASecond(path, 403);
    }

    /** Resolves until refused, which must happen within a second of the change. */
    private static void assertRefusedWithinASecond(String path, int status)
            throws InterruptedException {
        long changed = System.nanoTime();
        while (given().get(path).statusCode() == 200) {
            assertThat(Duration.ofNanos(System.nanoTime() - changed))
                    .as("still resolving a second after another instance changed it")
                    .isLessThan(Duration.ofSeconds(1));
            Thread.sleep(20);
        }
        given().get(path).then().statusCode(status);
    }
}
