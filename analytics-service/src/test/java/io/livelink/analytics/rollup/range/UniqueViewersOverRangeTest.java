package io.livelink.analytics.rollup.range;

import static io.livelink.analytics.TestClock.CLOCK;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.livelink.analytics.FrozenClockTest;
import io.livelink.analytics.ViewFixtures;
import io.livelink.analytics.rollup.WindowSize;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class UniqueViewersOverRangeTest extends FrozenClockTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String streamId = UUID.randomUUID().toString();

    @Inject EntityManager entityManager;

    @Test
    void aViewerPresentInTwoMinutesCountsOnceOverTheRangeThoughOncePerMinute() {
        Instant m0 = WindowSize.MINUTE.startOf(CLOCK.instant());
        // A watches in minute 0, leaves, and comes back in minute 1 with a new session; B watches
        // across both minutes; C only in minute 1.
        kafka.publish(h5(ViewKind.JOIN, "uid-A", "A1", m0.plusSeconds(10)));
        kafka.publish(h5(ViewKind.JOIN, "uid-B", "B1", m0.plusSeconds(20)));
        kafka.publish(h5(ViewKind.LEAVE, "uid-A", "A1", m0.plusSeconds(40)));
        kafka.publish(h5(ViewKind.JOIN, "uid-A", "A2", m0.plusSeconds(70)));
        kafka.publish(h5(ViewKind.JOIN, "uid-C", "C1", m0.plusSeconds(80)));
        kafka.publish(h5(ViewKind.LEAVE, "uid-A", "A2", m0.plusSeconds(100)));
        kafka.publish(h5(ViewKind.LEAVE, "uid-B", "B1", m0.plusSeconds(110)));
        kafka.publish(h5(ViewKind.LEAVE, "uid-C", "C1", m0.plusSeconds(115)));
        ViewFixtures.awaitJoins(tenant, streamId, 4);
        CLOCK.advanceTo(m0.plusSeconds(126));

        String twoMinutes = m0.plusSeconds(120).toString();
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                asAdmin()
                                        .queryParam("from", m0.toString())
                                        .queryParam("to", twoMinutes)
                                        .get("/streams/" + streamId + "/minutes")
                                        .then()
                                        .statusCode(200)
                                        .body("uniqueViewers", is(List.of(2, 3))));
        uniqueViewers(m0.toString(), twoMinutes)
                .statusCode(200)
                .body("uniqueViewers", is(3))
                .body("exact", is(true))
                .body("streamId", is(streamId));
        uniqueViewers(m0.toString(), m0.plusSeconds(60).toString())
                .statusCode(200)
                .body("uniqueViewers", is(2));
        uniqueViewers(m0.plusSeconds(60).toString(), twoMinutes)
                .statusCode(200)
                .body("uniqueViewers", is(3));
    }

    @Test
    void tenThousandViewersEachInTwoMinutesAreCountedExactlyOnce() {
        Instant m0 = WindowSize.MINUTE.startOf(CLOCK.instant()).minusSeconds(3600);
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            entityManager
                                    .createNativeQuery(
                                            "insert into known_stream (stream_id, tenant_id,"
                                                    + " stream_type, title, state, changed_at)"
                                                    + " values (:stream, :tenant, 'H5', 'range',"
                                                    + " 'ENDED', now())")
                                    .setParameter("stream", streamId)
                                    .setParameter("tenant", tenant)
                                    .executeUpdate();
                            // Each viewer: a session in minute 0, another in minute 1.
                            entityManager
                                    .createNativeQuery(
                                            "insert into view_session (stream_id, session_id,"
                                                    + " tenant_id, stream_type, viewer_id, channel,"
                                                    + " playback, device, started_at, last_seen_at,"
                                                    + " ended_at, ended_by, joined_at, left_at,"
                                                    + " opened_at)"
                                                    + " select :stream, 's-' || v.n || '-' || m.k,"
                                                    + " :tenant, 'H5', 'uid-' || v.n, 'web',"
                                                    + " 'LIVE', 'PC', t.at, t.at + interval '20"
                                                    + " seconds', t.at + interval '20 seconds',"
                                                    + " 'LEAVE', t.at, t.at + interval '20"
                                                    + " seconds', t.at from generate_series(1,"
                                                    + " 10000)"
                                                    + " v(n), generate_series(0, 1) m(k), lateral"
                                                    + " (select cast(:m0 as timestamptz) + m.k *"
                                                    + " interval '1 minute' + (v.n % 30) *"
                                                    + " interval '1 second' as at) t")
                                    .setParameter("stream", streamId)
                                    .setParameter("tenant", tenant)
                                    .setParameter("m0", m0)
                                    .executeUpdate();
                        });

        uniqueViewers(m0.toString(), m0.plusSeconds(120).toString())
                .statusCode(200)
                .body("uniqueViewers", is(10_000))
                .body("exact", is(true));
        uniqueViewers(m0.toString(), m0.plusSeconds(60).toString())
                .statusCode(200)
                .body("uniqueViewers", is(10_000));
        uniqueViewers(m0.plusSeconds(120).toString(), m0.plusSeconds(180).toString())
                .statusCode(200)
                .body("uniqueViewers", is(0));
    }

    @Test
    void badRangesAreProblemsNamingTheFieldAndAnotherTenantSeesNothing() {
        kafka.publish(h5(ViewKind.JOIN, "uid-A", "A1", s0));
        ViewFixtures.awaitJoins(tenant, streamId, 1);

        uniqueViewers(null, s0.toString()).statusCode(400).body("errors.field", hasItem("from"));
        uniqueViewers(s0.toString(), s0.plusSeconds(8 * 24 * 3600).toString())
                .statusCode(400)
                .body("errors.field", hasItem("to"));
        given().auth()
                .oauth2(TestTokens.tenantAdmin("other-" + UUID.randomUUID()))
                .queryParam("from", s0.toString())
                .queryParam("to", s0.plusSeconds(60).toString())
                .get("/streams/" + streamId + "/unique-viewers")
                .then()
                .statusCode(404);
    }

    private io.restassured.specification.RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.tenantAdmin(tenant));
    }

    private ValidatableResponse uniqueViewers(String from, String to) {
        var request = asAdmin();
        if (from != null) {
            request = request.queryParam("from", from);
        }
        if (to != null) {
            request = request.queryParam("to", to);
        }
        return request.get("/streams/" + streamId + "/unique-viewers").then();
    }

    private ViewEvent h5(ViewKind kind, String viewer, String session, Instant at) {
        return ViewFixtures.h5(tenant, streamId, kind, viewer, session, at);
    }
}
