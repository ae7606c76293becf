package io.livelink.analytics.rollup;

import static io.livelink.analytics.TestClock.CLOCK;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.livelink.analytics.FrozenClockTest;
import io.livelink.analytics.StoredRows;
import io.livelink.analytics.ViewFixtures;
import io.livelink.events.BroadcastPolicy;
import io.livelink.events.Device;
import io.livelink.events.EventCodec;
import io.livelink.events.MemberDailyRollup;
import io.livelink.events.Playback;
import io.livelink.events.StreamMinuteRollup;
import io.livelink.events.StreamSecondRollup;
import io.livelink.events.StreamType;
import io.livelink.events.TenantSettingsChanged;
import io.livelink.events.Topics;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class RollupsTest extends FrozenClockTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String streamId = UUID.randomUUID().toString();

    @Inject EntityManager entityManager;

    @Test
    void perSecondCountsAreExactDuplicatesCountOnceAndIdleSecondsCloseOnTheClock() {
        ViewEvent joinA = view(ViewKind.JOIN, "openid-A", "sA", ms(0, 100));
        String duplicated =
                EventCodec.encode(
                        EventCodec.envelope(
                                joinA, UUID.randomUUID().toString(), "/t", Instant.now()));
        kafka.publishRaw(Topics.VIEW_EVENTS, streamId, duplicated);
        kafka.publish(view(ViewKind.JOIN, "openid-B", "sB", ms(0, 200)));
        kafka.publishRaw(Topics.VIEW_EVENTS, streamId, duplicated);
        kafka.publish(view(ViewKind.HEARTBEAT, "openid-A", "sA", ms(1, 500)));
        kafka.publish(view(ViewKind.JOIN, "openid-C", "sC", ms(1, 300)));
        kafka.publish(view(ViewKind.LEAVE, "openid-B", "sB", ms(2, 400)));
        kafka.publish(view(ViewKind.JOIN, "openid-A", "sA2", ms(2, 600)));
        awaitViews(4);

        // No event comes after second 2: seconds 2 and 3 close on the clock alone.
        at(4_600);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () ->
                                seconds(tenant, s0, s0.plusSeconds(10))
                                        .statusCode(200)
                                        .body("", hasSize(4))
                                        .body("concurrentViewers", is(List.of(2, 3, 3, 3)))
                                        .body("joins", is(List.of(2, 1, 1, 0)))
                                        .body("leaves", is(List.of(0, 0, 1, 0)))
                                        .body("newUniqueViewers", is(List.of(2, 1, 0, 0)))
                                        .body("revision", is(List.of(1, 1, 1, 1))));

        StreamSecondRollup published =
                kafka.awaitEvent(
                        StreamSecondRollup.class,
                        r -> r.streamId().equals(streamId) && r.second().equals(s0),
                        WAIT);
        assertThat(published)
                .isEqualTo(
                        new StreamSecondRollup(
                                streamId, tenant, s0, 2, 2, 0, 2, 1, published.computedAt()));

        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .queryParam("from", s0.toString())
                .queryParam("to", s0.plusSeconds(60).toString())
                .get("/streams/" + streamId + "/viewers")
                .then()
                .statusCode(200)
                .body("sessionId", is(List.of("sA", "sB", "sC", "sA2")))
                .body(
                        "leftAt",
                        is(java.util.Arrays.asList(null, ms(2, 400).toString(), null, null)))
                .body("secondsWatched", is(List.of(1, 2, 0, 0)));
    }

    @Test
    void lateEventWithinGraceCorrectsAndIsRepublishedBeyondGraceIsSetAside() {
        kafka.publish(view(ViewKind.JOIN, "openid-A", "sA", ms(0, 100)));
        awaitViews(1);
        at(2_600);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> seconds(tenant, s0, s0.plusSeconds(1)).body("joins", is(List.of(1))));

        // Within the 30 s grace period: second 0 is recomputed and published again.
        kafka.publish(view(ViewKind.JOIN, "openid-B", "sB", ms(0, 500)));
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                seconds(tenant, s0, s0.plusSeconds(2))
                                        .body("joins", is(List.of(2, 0)))
                                        .body("concurrentViewers", is(List.of(2, 2)))
                                        .body("revision", is(List.of(2, 2))));
        StreamSecondRollup correction =
                kafka.awaitEvent(
                        StreamSecondRollup.class,
                        r ->
                                r.streamId().equals(streamId)
                                        && r.second().equals(s0)
                                        && r.revision() == 2,
                        WAIT);
        assertThat(correction.joins()).isEqualTo(2);
        assertThat(correction.newUniqueViewers()).isEqualTo(2);

        // Beyond grace: not applied, kept in late_view_event. A second copy of A's JOIN arriving
        // now (the view path's outbox fallback can deliver one twice, minutes apart) is neither a
        // new view nor a late one: A's session was applied in time.
        CLOCK.advance(Duration.ofSeconds(40));
        kafka.publish(view(ViewKind.JOIN, "openid-A", "sA", ms(0, 100)));
        kafka.publish(view(ViewKind.JOIN, "openid-C", "sC", ms(0, 700)));
        await().atMost(WAIT).until(() -> lateEventsAt(streamId, ms(0, 700)) == 1);
        assertThat(lateEventsOf(streamId)).as("A's second copy is not set aside").isEqualTo(1);
        awaitViews(3);
        seconds(tenant, s0, s0.plusSeconds(1))
                .body("joins", is(List.of(2)))
                .body("revision", is(List.of(2)));
    }

    @Test
    void aSecondCorrectedToNothingIsKeptAsAnExplicitZeroRowWithAHigherRevision() {
        // A join without a leave: the viewer counts as present until the session timeout.
        kafka.publish(view(ViewKind.JOIN, "openid-A", "sA", ms(0, 100)));
        awaitViews(1);
        at(3_600);
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                seconds(tenant, s0, s0.plusSeconds(3))
                                        .body("concurrentViewers", is(List.of(1, 1, 1)))
                                        .body("revision", is(List.of(1, 1, 1))));

        // The leave arrives late (within grace): seconds 1 and 2 had a viewer and now have none.
        kafka.publish(view(ViewKind.LEAVE, "openid-A", "sA", ms(0, 500)));
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                seconds(tenant, s0, s0.plusSeconds(3))
                                        .body("concurrentViewers", is(List.of(0, 0, 0)))
                                        .body("joins", is(List.of(1, 0, 0)))
                                        .body("leaves", is(List.of(1, 0, 0)))
                                        .body("newUniqueViewers", is(List.of(1, 0, 0)))
                                        .body("revision", is(List.of(2, 2, 2))));
        StreamSecondRollup zero =
                kafka.awaitEvent(
                        StreamSecondRollup.class,
                        r ->
                                r.streamId().equals(streamId)
                                        && r.second().equals(s0.plusSeconds(2))
                                        && r.revision() == 2,
                        WAIT);
        assertThat(zero)
                .isEqualTo(
                        new StreamSecondRollup(
                                streamId,
                                tenant,
                                s0.plusSeconds(2),
                                0,
                                0,
                                0,
                                0,
                                2,
                                zero.computedAt()));
    }

    @Test
    void perMinuteRollupHasExactFiguresPerChannel() {
        Instant m0 = WindowSize.MINUTE.startOf(CLOCK.instant());
        kafka.publish(h5(ViewKind.JOIN, "uid-1", "weibo", m0.plusSeconds(10)));
        kafka.publish(h5(ViewKind.JOIN, "uid-2", "qq", m0.plusSeconds(20)));
        kafka.publish(h5(ViewKind.LEAVE, "uid-1", "weibo", m0.plusSeconds(40)));
        kafka.publish(h5(ViewKind.LEAVE, "uid-2", "qq", m0.plusSeconds(50)));
        awaitViews(2);
        CLOCK.advanceTo(m0.plusSeconds(66));

        StreamMinuteRollup minute =
                kafka.awaitEvent(
                        StreamMinuteRollup.class, r -> r.streamId().equals(streamId), WAIT);
        assertThat(minute)
                .isEqualTo(
                        new StreamMinuteRollup(
                                streamId,
                                tenant,
                                m0,
                                2,
                                2,
                                60,
                                2,
                                List.of(
                                        new StreamMinuteRollup.ChannelMinute("qq", 1, 1, 30, 1),
                                        new StreamMinuteRollup.ChannelMinute("weibo", 1, 1, 30, 1)),
                                1,
                                minute.computedAt()));
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .queryParam("from", m0.toString())
                .queryParam("to", m0.plusSeconds(3600).toString())
                .get("/streams/" + streamId + "/minutes")
                .then()
                .statusCode(200)
                .body("watchSeconds", is(List.of(60)))
                .body("[0].channels.channel", is(List.of("qq", "weibo")));
    }

    @Test
    void dailyRollupUsesTheTenantsZoneUnitesDevicesAndSplitsAtLocalMidnight() {
        // Europe/Berlin is UTC+1 in January: local midnight of 2026-01-15 is 23:00Z on the 14th.
        kafka.publish(
                new TenantSettingsChanged(
                        tenant, true, BroadcastPolicy.ALL_MEMBERS, "Europe/Berlin", Instant.now()));
        Instant midnight = Instant.parse("2026-01-14T23:00:00Z");
        String member = "m-" + UUID.randomUUID();
        // PC 23:30–00:30 local, phone 23:45–00:10 local at the same time: the union counts.
        session(
                member,
                "pc",
                Playback.LIVE,
                midnight.minusSeconds(1800),
                midnight.plusSeconds(1800));
        session(
                member,
                "phone",
                Playback.LIVE,
                midnight.minusSeconds(900),
                midnight.plusSeconds(600));
        session(
                member,
                "replay",
                Playback.REPLAY,
                midnight.plusSeconds(2400),
                midnight.plusSeconds(3000));
        awaitViews(3);

        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                generate("2026-01-14")
                                        .statusCode(200)
                                        .body("", hasSize(1))
                                        .body("[0].timeZone", is("Europe/Berlin"))
                                        .body("[0].liveSeconds", is(1800))
                                        .body("[0].replaySeconds", is(0))
                                        .body("[0].sessions", is(2))
                                        .body(
                                                "[0].firstJoinAt",
                                                is(midnight.minusSeconds(1800).toString()))
                                        .body("[0].lastLeaveAt", is(midnight.toString())));
        generate("2026-01-15")
                .statusCode(200)
                .body("[0].liveSeconds", is(1800))
                .body("[0].replaySeconds", is(600))
                .body("[0].sessions", is(3))
                .body("[0].firstJoinAt", is(midnight.toString()))
                .body("[0].lastLeaveAt", is(midnight.plusSeconds(3000).toString()));

        MemberDailyRollup published =
                kafka.awaitEvent(
                        MemberDailyRollup.class,
                        r -> r.memberId().equals(member) && r.day().toString().equals("2026-01-15"),
                        WAIT);
        assertThat(published.liveSeconds()).isEqualTo(1800);
        given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-01-31")
                .get("/tenants/" + tenant + "/members/" + member + "/daily-rollups")
                .then()
                .statusCode(200)
                .body("day", is(List.of("2026-01-14", "2026-01-15")));
    }

    @Test
    void anotherTenantSeesNothingAndBadRangesAreProblems() {
        kafka.publish(view(ViewKind.JOIN, "openid-A", "sA", ms(0, 100)));
        awaitViews(1);
        String other = "other-" + tenant;
        seconds(other, s0, s0.plusSeconds(10))
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.tenantAdmin(other))
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-01-31")
                .get("/tenants/" + tenant + "/daily-rollups")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.member(tenant, "someone"))
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-01-31")
                .get("/tenants/" + tenant + "/members/someone-else/daily-rollups")
                .then()
                .statusCode(404);

        seconds(tenant, s0.plusSeconds(10), s0)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("from"));
        seconds(tenant, s0, s0.plus(Duration.ofHours(2)))
                .statusCode(400)
                .body("errors[0].field", is("to"));
    }

    private ValidatableResponse seconds(String asTenant, Instant from, Instant to) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(asTenant))
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .get("/streams/" + streamId + "/seconds")
                .then();
    }

    private ValidatableResponse generate(String day) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .post("/tenants/" + tenant + "/daily-rollups/" + day)
                .then();
    }

    private void awaitViews(int joins) {
        ViewFixtures.awaitJoins(tenant, streamId, joins);
    }

    private long lateEventsAt(String stream, Instant occurredAt) {
        return lateEvents(" and occurred_at = '" + occurredAt + "'", stream);
    }

    private long lateEventsOf(String stream) {
        return lateEvents("", stream);
    }

    private long lateEvents(String andWhere, String stream) {
        return StoredRows.number(
                entityManager,
                "select count(*) from late_view_event where stream_id = :s" + andWhere,
                Map.of("s", stream));
    }

    private void session(
            String member, String session, Playback playback, Instant from, Instant to) {
        kafka.publish(enterprise(ViewKind.JOIN, member, session, playback, from));
        kafka.publish(enterprise(ViewKind.LEAVE, member, session, playback, to));
    }

    private Instant ms(int second, int millis) {
        return s0.plusSeconds(second).plusMillis(millis);
    }

    private ViewEvent view(ViewKind kind, String viewer, String session, Instant at) {
        return ViewFixtures.miniProgram(tenant, streamId, kind, viewer, session, at);
    }

    private ViewEvent h5(ViewKind kind, String viewer, String utmSource, Instant at) {
        return new ViewEvent(
                streamId,
                tenant,
                StreamType.H5,
                "link-" + utmSource,
                viewer,
                ViewerIdKind.CLOUD_UID,
                "session-" + viewer,
                kind,
                Playback.LIVE,
                Device.PC,
                "web",
                utmSource,
                null,
                null,
                at);
    }

    private ViewEvent enterprise(
            ViewKind kind, String member, String session, Playback playback, Instant at) {
        return new ViewEvent(
                streamId,
                tenant,
                StreamType.ENTERPRISE,
                "link-e",
                member,
                ViewerIdKind.MEMBER,
                member + "-" + session,
                kind,
                playback,
                Device.PC,
                "wecom",
                null,
                null,
                null,
                at);
    }
}
