package io.livelink.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.analytics.StoredRows;
import io.livelink.analytics.ViewFixtures;
import io.livelink.analytics.ingest.IngestRows.SessionRow;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sessions a batch opens are written by COPY; one of them recorded already sends the whole
 * batch's sessions through the upsert, with nothing of the copy left behind.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class OpenedSessionsCopyTest {

    private static final String TENANT = "tenant-copy";

    @Inject ViewEventsConsumer consumer;
    @Inject OpenedSessionsCopy copy;
    @Inject EntityManager entityManager;

    private final String stream = UUID.randomUUID().toString();

    @Test
    void aSessionCopiedInIsTheRowTheUpsertWouldHaveWritten() {
        Instant joined = withinGrace();
        Instant left = joined.plusNanos(900_123_000);
        PrivatePartition views = new PrivatePartition(consumer);
        // Opened and left in one batch: copied in, already ended by its LEAVE.
        views.applyTogether(
                view(ViewKind.JOIN, "uid-copied", "s-copied", joined),
                view(ViewKind.LEAVE, "uid-copied", "s-copied", left));
        // Opened in one batch (copied in, open), left in the next (the upsert ends it).
        views.applyTogether(view(ViewKind.JOIN, "uid-upserted", "s-upserted", joined));
        assertThat(
                        number(
                                "select count(*) from view_session where stream_id = :stream"
                                        + " and viewer_id = 'uid-upserted' and joined_at is not null"
                                        + " and last_seen_at = started_at and ended_at is null"
                                        + " and left_at is null and ended_by is null"))
                .as("copied in open")
                .isOne();
        views.applyTogether(view(ViewKind.LEAVE, "uid-upserted", "s-upserted", left));

        for (String viewer : new String[] {"uid-copied", "uid-upserted"}) {
            assertThat(
                            StoredRows.number(
                                    entityManager,
                                    "select count(*) from view_session where stream_id = :stream"
                                            + " and viewer_id = :viewer and tenant_id = :tenant"
                                            + " and stream_type = 'MINI_PROGRAM'"
                                            + " and channel = 'wechat' and playback = 'LIVE'"
                                            + " and device = 'MOBILE' and link_id = 'link-1'"
                                            + " and opened_at = :day and started_at = :joined"
                                            + " and joined_at = :joined and last_seen_at = :left"
                                            + " and ended_at = :left and left_at = :left"
                                            + " and ended_by = 'LEAVE'",
                                    Map.of(
                                            "stream", stream,
                                            "viewer", viewer,
                                            "tenant", TENANT,
                                            "day", joined.truncatedTo(ChronoUnit.DAYS),
                                            "joined", joined,
                                            "left", left)))
                    .as(viewer)
                    .isOne();
        }
    }

    @Test
    void aBatchOpeningASessionRecordedAlreadyCountsEveryJoinOnce() {
        Instant at = withinGrace();
        PrivatePartition views = new PrivatePartition(consumer);
        views.applyTogether(view(ViewKind.JOIN, "uid-known", "s-known", at));
        // A heartbeat heard before its JOIN: the session is recorded, its JOIN not yet.
        views.applyTogether(view(ViewKind.HEARTBEAT, "uid-early", "s-early", at));

        // The JOIN of s-known again (the producer's outbox fallback), s-early's JOIN at last,
        // two sessions nobody knew.
        views.applyTogether(
                view(ViewKind.JOIN, "uid-new-1", "s-new-1", at.plusMillis(10)),
                view(ViewKind.JOIN, "uid-known", "s-known", at),
                view(ViewKind.JOIN, "uid-early", "s-early", at.plusMillis(20)),
                view(ViewKind.JOIN, "uid-new-2", "s-new-2", at.plusMillis(30)),
                view(ViewKind.LEAVE, "uid-new-1", "s-new-1", at.plusMillis(40)));

        assertThat(number("select count(*) from view_session where stream_id = :stream"))
                .isEqualTo(4);
        assertThat(number("select joins from stream_view_totals where stream_id = :stream"))
                .isEqualTo(4);
        assertThat(number("select leaves from stream_view_totals where stream_id = :stream"))
                .isEqualTo(1);
        assertThat(
                        number(
                                "select sum(joins) * 10 + sum(leaves) from stream_second_count"
                                        + " where stream_id = :stream"))
                .isEqualTo(41);
        assertThat(
                        number(
                                "select count(*) from view_session where stream_id = :stream"
                                        + " and joined_at is not null"))
                .isEqualTo(4);
    }

    @Test
    void theCopyIsAllOrNothing() {
        Instant at = withinGrace();
        SessionRow known = row("s-known", at);
        SessionRow fresh = row("s-fresh", at);
        assertThat(QuarkusTransaction.requiringNew().call(() -> copy.insertAllNew(List.of(known))))
                .as("a session nobody knew is copied in")
                .isTrue();
        // One of them recorded already: nothing of the copy stays, and the transaction goes on.
        assertThat(
                        QuarkusTransaction.requiringNew()
                                .call(
                                        () -> {
                                            boolean copied =
                                                    copy.insertAllNew(List.of(fresh, known));
                                            return copied
                                                    + " "
                                                    + entityManager
                                                            .createNativeQuery("select 1")
                                                            .getSingleResult();
                                        }))
                .isEqualTo("false 1");
        assertThat(number("select count(*) from view_session where stream_id = :stream")).isOne();
    }

    private SessionRow row(String session, Instant at) {
        return new SessionRow(
                stream,
                session,
                at.truncatedTo(ChronoUnit.DAYS),
                TENANT,
                StreamType.MINI_PROGRAM,
                "uid-" + session,
                "wechat",
                "LIVE",
                "MOBILE",
                "link-1",
                at,
                at,
                null,
                at,
                null);
    }

    private long number(String sql) {
        return StoredRows.number(entityManager, sql, Map.of("stream", stream));
    }

    private ViewEvent view(ViewKind kind, String viewer, String session, Instant at) {
        return ViewFixtures.miniProgram(TENANT, stream, kind, viewer, session, at);
    }

    /**
     * A few seconds ago (within the grace), with a microsecond part, and far enough from midnight
     * that a session's events fall in one UTC day.
     */
    private static Instant withinGrace() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        if (at.plusSeconds(2).truncatedTo(ChronoUnit.DAYS).isAfter(at)) {
            at = at.plusSeconds(2).truncatedTo(ChronoUnit.DAYS);
        }
        return at.plusNanos(123_456_000);
    }
}
