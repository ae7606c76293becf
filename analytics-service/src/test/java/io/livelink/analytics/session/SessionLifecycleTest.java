package io.livelink.analytics.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.livelink.analytics.TestClock;
import io.livelink.analytics.ingest.PrivatePartition;
import io.livelink.analytics.ingest.ViewEventsConsumer;
import io.livelink.events.Device;
import io.livelink.events.LinkRevoked;
import io.livelink.events.LiveLinkEvent;
import io.livelink.events.MemberJoined;
import io.livelink.events.MemberLeft;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * analytics-service decides when view sessions end (issue 13): silence, revocations, departures.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class SessionLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String stream = UUID.randomUUID().toString();
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(20);

    @Inject SessionLifecycle lifecycle;
    @Inject ViewEventsConsumer viewEvents;
    @Inject EntityManager entityManager;
    @Inject AgroalDataSource dataSource;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    private record Ended(Instant at, String by) {}

    @Test
    void aRevokedLinksOpenSessionsEndAtTheRevocationForGood() {
        String link = "link-" + UUID.randomUUID();
        kafka.publish(view(StreamType.H5, link, "uid-1", "s-1", ViewKind.JOIN, t0));
        awaitSession("s-1");
        Instant revokedAt = t0.plusSeconds(5);
        kafka.publish(new LinkRevoked(link, stream, tenant, "leaked", revokedAt));
        await().atMost(WAIT).until(() -> ended("s-1") != null);
        assertThat(ended("s-1")).isEqualTo(new Ended(revokedAt, "REVOKED"));

        // A player that kept beating, then left, changes nothing: the end is final.
        kafka.publish(
                view(StreamType.H5, link, "uid-1", "s-1", ViewKind.HEARTBEAT, t0.plusSeconds(9)));
        kafka.publish(
                view(StreamType.H5, link, "uid-1", "s-1", ViewKind.LEAVE, t0.plusSeconds(10)));
        kafka.publish(view(StreamType.H5, link, "uid-2", "s-2", ViewKind.JOIN, t0.plusSeconds(10)));
        awaitSession("s-2");
        assertThat(ended("s-1")).isEqualTo(new Ended(revokedAt, "REVOKED"));
    }

    @Test
    void sessionsWhoseJoinArrivesAfterTheRevocationAreEndedToo() {
        String link = "link-" + UUID.randomUUID();
        Instant revokedAt = t0.plusSeconds(5);
        kafka.publish(new LinkRevoked(link, stream, tenant, "leaked", revokedAt));
        kafka.publish(view(StreamType.H5, link, "uid-1", "before", ViewKind.JOIN, t0));
        kafka.publish(
                view(StreamType.H5, link, "uid-2", "after", ViewKind.JOIN, t0.plusSeconds(6)));
        await().atMost(WAIT).until(() -> ended("before") != null && ended("after") != null);
        assertThat(ended("before")).isEqualTo(new Ended(revokedAt, "REVOKED"));
        assertThat(ended("after")).isEqualTo(new Ended(t0.plusSeconds(6), "REVOKED"));
    }

    @Test
    void aJoinAppliedWhileItsRevocationIsBeingRecordedIsEndedByIt() throws Exception {
        String link = "link-" + UUID.randomUUID();
        Instant joinedAt = t0.plusSeconds(6);

        applyWhileRecording(
                new LinkRevoked(link, stream, tenant, "leaked", t0.plusSeconds(5)),
                view(StreamType.H5, link, "uid-1", "raced", ViewKind.JOIN, joinedAt));

        assertThat(row("raced")).as("the JOIN's session is recorded").hasSize(1);
        assertThat(ended("raced")).isEqualTo(new Ended(joinedAt, "REVOKED"));
    }

    @Test
    void aJoinAppliedWhileItsMembersDepartureIsBeingRecordedIsEndedByIt() throws Exception {
        String member = "m-" + UUID.randomUUID();
        Instant joinedAt = t0.plusSeconds(6);

        applyWhileRecording(
                new MemberLeft(tenant, member, t0.plusSeconds(5)),
                view(
                        StreamType.ENTERPRISE,
                        "link-" + UUID.randomUUID(),
                        member,
                        "raced-member",
                        ViewKind.JOIN,
                        joinedAt));

        assertThat(row("raced-member")).as("the JOIN's session is recorded").hasSize(1);
        assertThat(ended("raced-member")).isEqualTo(new Ended(joinedAt, "MEMBER_LEFT"));
    }

    /**
     * Records the fact (its open sessions ended) in a transaction held open while a batch with the
     * view is applied, then commits it: the batch must not be applied past the fact.
     */
    private void applyWhileRecording(LiveLinkEvent fact, ViewEvent view) throws Exception {
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> recording =
                CompletableFuture.runAsync(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () -> {
                                                    lifecycle.applyOne(fact);
                                                    recorded.countDown();
                                                    awaitQuietly(commit);
                                                }));
        assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> batch =
                CompletableFuture.runAsync(() -> new PrivatePartition(viewEvents).applyAlone(view));
        try {
            batch.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException waitingForTheFact) {
            // as it should: the batch waits for the fact's transaction
        }
        commit.countDown();
        recording.get(10, TimeUnit.SECONDS);
        batch.get(20, TimeUnit.SECONDS);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aMemberWhoLeavesHasEveryOpenSessionEndedWhateverItsTiming() {
        String member = "m-" + UUID.randomUUID();
        String link = "link-" + UUID.randomUUID();
        Instant leftAt = t0.plusSeconds(5);
        kafka.publish(view(StreamType.ENTERPRISE, link, member, "pc", ViewKind.JOIN, t0));
        awaitSession("pc");
        kafka.publish(new MemberLeft(tenant, member, leftAt));
        // Opened by a resolve that raced the departure: its JOIN arrives after it.
        kafka.publish(
                view(
                        StreamType.ENTERPRISE,
                        link,
                        member,
                        "phone",
                        ViewKind.JOIN,
                        leftAt.plusMillis(40)));
        await().atMost(WAIT).until(() -> ended("pc") != null && ended("phone") != null);
        assertThat(ended("pc")).isEqualTo(new Ended(leftAt, "MEMBER_LEFT"));
        assertThat(ended("phone")).isEqualTo(new Ended(leftAt.plusMillis(40), "MEMBER_LEFT"));

        // Back in the directory: new sessions stay open.
        kafka.publish(new MemberJoined(tenant, member, member, "Back", leftAt.plusSeconds(2)));
        await().atMost(WAIT)
                .until(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .call(
                                                () ->
                                                        entityManager
                                                                        .createNativeQuery(
                                                                                "select 1 from"
                                                                                        + " member_departure"
                                                                                        + " where member_id"
                                                                                        + " = ?1 and"
                                                                                        + " returned_at is"
                                                                                        + " not null")
                                                                        .setParameter(1, member)
                                                                        .getResultList()
                                                                        .size()
                                                                == 1));
        kafka.publish(
                view(
                        StreamType.ENTERPRISE,
                        link + "-new",
                        member,
                        "again",
                        ViewKind.JOIN,
                        leftAt.plusSeconds(3)));
        awaitSession("again");
        assertThat(ended("again")).isNull();
    }

    @Test
    void aSilentSessionEndsAtItsLastHeartbeat() {
        String link = "link-" + UUID.randomUUID();
        Instant lastBeat = t0.plusSeconds(15);
        kafka.publish(view(StreamType.H5, link, "uid-1", "quiet", ViewKind.JOIN, t0));
        kafka.publish(view(StreamType.H5, link, "uid-1", "quiet", ViewKind.HEARTBEAT, lastBeat));
        await().atMost(WAIT).until(() -> lastSeen("quiet").equals(lastBeat));

        TestClock.CLOCK.freeze();
        TestClock.CLOCK.advanceTo(lastBeat.plusSeconds(59));
        QuarkusTransaction.requiringNew().run(lifecycle::endSilentSessions);
        assertThat(ended("quiet")).as("within the timeout it is open").isNull();

        TestClock.CLOCK.advanceTo(lastBeat.plusSeconds(61));
        QuarkusTransaction.requiringNew().run(lifecycle::endSilentSessions);
        assertThat(ended("quiet")).isEqualTo(new Ended(lastBeat, "TIMEOUT"));
    }

    @Test
    void whileABacklogIsDrainedSilenceIsJudgedByTheStreamsEventsNotTheClock() throws Exception {
        String link = "link-" + UUID.randomUUID();
        TestClock.CLOCK.freeze();
        Instant start = TestClock.CLOCK.instant();
        Instant lastBeat = start.minusSeconds(25);
        kafka.publish(
                view(StreamType.MINI_PROGRAM, link, "o-1", "behind", ViewKind.JOIN, lastBeat));
        awaitSession("behind");

        // 65 s after its last sign of life by the clock, but the stream's events, still arriving,
        // have only reached 37 s past it. The session's row is held meanwhile, as a batch would, so
        // that the scheduled sweep cannot judge it before the later event has arrived.
        try (Connection batch = holdingRowOf("behind")) {
            TestClock.CLOCK.advanceTo(start.plusSeconds(40));
            kafka.publish(
                    view(
                            StreamType.MINI_PROGRAM,
                            link,
                            "o-2",
                            "later",
                            ViewKind.JOIN,
                            start.plusSeconds(12)));
            awaitSession("later");
            batch.rollback();
        }
        QuarkusTransaction.requiringNew().run(lifecycle::endSilentSessions);
        assertThat(ended("behind")).as("silent by the clock, not by its stream's events").isNull();

        // Once the stream's events stop arriving, the clock judges again.
        TestClock.CLOCK.advanceTo(start.plusSeconds(80));
        QuarkusTransaction.requiringNew().run(lifecycle::endSilentSessions);
        assertThat(ended("behind")).isEqualTo(new Ended(lastBeat, "TIMEOUT"));
    }

    @Test
    void theSweepSkipsASessionABatchIsWritingAndEndsItNextTime() throws Exception {
        String link = "link-" + UUID.randomUUID();
        kafka.publish(view(StreamType.H5, link, "uid-1", "held", ViewKind.JOIN, t0));
        kafka.publish(view(StreamType.H5, link, "uid-2", "free", ViewKind.JOIN, t0));
        awaitSession("held");
        awaitSession("free");

        // Another transaction (a view batch) holds the session's row, from before the clock makes
        // it silent (so that the scheduled sweep cannot end it first).
        try (Connection batch = holdingRowOf("held")) {
            TestClock.CLOCK.freeze();
            TestClock.CLOCK.advanceTo(t0.plusSeconds(61));
            // The sweep neither waits for it nor fails: it ends the other session.
            CompletableFuture.runAsync(
                            () ->
                                    QuarkusTransaction.requiringNew()
                                            .run(lifecycle::endSilentSessions))
                    .get(10, TimeUnit.SECONDS);
            assertThat(ended("free")).isEqualTo(new Ended(t0, "TIMEOUT"));
            assertThat(ended("held")).as("held by the batch").isNull();
            batch.rollback();
        }

        QuarkusTransaction.requiringNew().run(lifecycle::endSilentSessions);
        assertThat(ended("held")).isEqualTo(new Ended(t0, "TIMEOUT"));
    }

    /** A connection whose open transaction holds the session's row, as a view batch would. */
    private Connection holdingRowOf(String session) throws SQLException {
        Connection batch = dataSource.getConnection();
        batch.setAutoCommit(false);
        try (PreparedStatement lock =
                batch.prepareStatement(
                        "select 1 from view_session where stream_id = ? and session_id = ? for"
                                + " update")) {
            lock.setString(1, stream);
            lock.setString(2, session);
            lock.executeQuery().close();
        }
        return batch;
    }

    private ViewEvent view(
            StreamType type,
            String link,
            String viewer,
            String session,
            ViewKind kind,
            Instant at) {
        return new ViewEvent(
                stream,
                tenant,
                type,
                link,
                viewer,
                type == StreamType.ENTERPRISE ? ViewerIdKind.MEMBER : ViewerIdKind.CLOUD_UID,
                session,
                kind,
                Playback.LIVE,
                Device.PC,
                "wecom",
                null,
                null,
                null,
                at);
    }

    private void awaitSession(String session) {
        await().atMost(WAIT).until(() -> !row(session).isEmpty());
    }

    private Instant lastSeen(String session) {
        List<Object[]> rows = row(session);
        return rows.isEmpty() ? Instant.EPOCH : instant(rows.get(0)[0]);
    }

    private Ended ended(String session) {
        List<Object[]> rows = row(session);
        if (rows.isEmpty() || rows.get(0)[1] == null) {
            return null;
        }
        return new Ended(instant(rows.get(0)[1]), (String) rows.get(0)[2]);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> row(String session) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "select last_seen_at, ended_at, ended_by from"
                                                        + " view_session where stream_id = ?1 and"
                                                        + " session_id = ?2")
                                        .setParameter(1, stream)
                                        .setParameter(2, session)
                                        .getResultList());
    }

    private static Instant instant(Object column) {
        if (column instanceof Instant instant) {
            return instant;
        }
        if (column instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.util.Date) column).toInstant();
    }
}
