package io.livelink.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.analytics.ViewFixtures;
import io.livelink.analytics.retention.DayPartitions;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * V13 on the real PostgreSQL: a HEARTBEAT, most of what players send, moves only its session's last
 * sign of life, which no index holds, into room its page keeps free, so PostgreSQL updates the row
 * in place (heap-only) without an entry in any index.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class HeartbeatsInPlaceTest {

    @Inject ViewEventsConsumer consumer;
    @Inject EntityManager entityManager;
    @Inject DayPartitions partitions;

    private PrivatePartition views;

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String streamId = UUID.randomUUID().toString();

    @Test
    void noIndexOfSessionsHoldsWhatAHeartbeatChanges() {
        List<Object> definitions =
                rows(
                        "select indexdef from pg_indexes where schemaname = current_schema()"
                                + " and tablename = 'view_session'");

        assertThat(definitions).hasSizeGreaterThanOrEqualTo(6);
        assertThat(definitions).noneMatch(d -> ((String) d).contains("last_seen_at"));
    }

    @Test
    void everySessionPartitionLeavesRoomForHeartbeatsInPartitionsMadeLaterToo() {
        LocalDate aDayAhead = LocalDate.now(ZoneOffset.UTC).plusDays(31);
        QuarkusTransaction.requiringNew().run(() -> partitions.maintain(aDayAhead));

        List<Object> partitionsOfSessions =
                rows(
                        "select c.relname || ' ' || coalesce(array_to_string(c.reloptions, ','),"
                                + " 'defaults') from pg_inherits i join pg_class c on c.oid ="
                                + " i.inhrelid join pg_class p on p.oid = i.inhparent where"
                                + " p.relname = 'view_session'");

        assertThat(partitionsOfSessions)
                .contains(
                        "view_session_p" + aDayAhead.toString().replace("-", "") + " fillfactor=50")
                .allMatch(p -> ((String) p).endsWith(" fillfactor=50"));
    }

    @Test
    void heartbeatsOfAnOpenSessionUpdateItsRowInPlace() throws InterruptedException {
        // Within today (UTC): events without their session's opening time are kept by their day.
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        views = new PrivatePartition(consumer);
        Instant joined = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.SECONDS); // in grace
        if (joined.isBefore(today)) {
            joined = today;
        }
        apply(ViewKind.JOIN, joined);
        String table =
                (String)
                        rows("select cast(tableoid::regclass as text) from view_session"
                                        + " where stream_id = '"
                                        + streamId
                                        + "'")
                                .get(0);
        long before = heapOnlyUpdates(table);

        // Each in a batch of its own, as a player's beats 15 s apart are.
        for (int beat = 1; beat <= 3; beat++) {
            apply(ViewKind.HEARTBEAT, joined.plusSeconds(5L * beat));
        }

        // Statistics reach the shared counters when a backend goes idle, within a second or so.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (heapOnlyUpdates(table) - before < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(heapOnlyUpdates(table) - before).isGreaterThanOrEqualTo(3);
        assertThat(
                        rows(
                                "select cast(extract(epoch from last_seen_at) as bigint) from"
                                        + " view_session where stream_id = '"
                                        + streamId
                                        + "' and ended_at is null"))
                .containsExactly((long) joined.plusSeconds(15).getEpochSecond());
    }

    @Test
    void aBatchOfHeartbeatsWidensEachSessionAsItsEndSays() {
        Instant t = withinGraceToday();
        views = new PrivatePartition(consumer);
        views.applyTogether(
                view(ViewKind.JOIN, "silent", t),
                view(ViewKind.JOIN, "revoked", t),
                view(ViewKind.JOIN, "left", t),
                view(ViewKind.LEAVE, "left", t.plusSeconds(3)),
                view(ViewKind.JOIN, "late-join", t.plusSeconds(2)),
                view(ViewKind.JOIN, "stale", t),
                view(ViewKind.HEARTBEAT, "stale", t.plusSeconds(10)),
                view(ViewKind.JOIN, "repeated", t),
                view(ViewKind.HEARTBEAT, "repeated", t.plusSeconds(10)));
        // As the silence sweep and a revocation leave them.
        execute(
                "update view_session set ended_at = last_seen_at, ended_by = 'TIMEOUT' where"
                        + " stream_id = ?1 and session_id in ('silent', 'stale', 'repeated')");
        execute(
                "update view_session set ended_at = started_at + interval '1 second', ended_by ="
                        + " 'REVOKED' where stream_id = ?1 and session_id = 'revoked'");

        views.applyTogether(
                view(ViewKind.HEARTBEAT, "silent", t.plusSeconds(5)),
                view(ViewKind.HEARTBEAT, "revoked", t.plusSeconds(5)),
                view(ViewKind.HEARTBEAT, "left", t.plusSeconds(2)),
                view(ViewKind.HEARTBEAT, "late-join", t.plusSeconds(1)),
                view(ViewKind.HEARTBEAT, "stale", t.plusSeconds(4)),
                view(ViewKind.HEARTBEAT, "repeated", t.plusSeconds(10)),
                view(ViewKind.HEARTBEAT, "unheard", t.plusSeconds(6)));

        long s = t.getEpochSecond();
        assertThat(
                        rows(
                                "select session_id || ' ' || cast(extract(epoch from"
                                        + " started_at) as bigint) || ' ' || cast(extract(epoch"
                                        + " from last_seen_at) as bigint) || ' ' ||"
                                        + " coalesce(cast(cast(extract(epoch from ended_at) as"
                                        + " bigint) as text), '-') || ' ' || coalesce(ended_by,"
                                        + " 'open') || ' ' || (joined_at is not null) from"
                                        + " view_session where stream_id = '"
                                        + streamId
                                        + "' order by session_id"))
                .as("session, started, last seen, ended at, ended by, JOIN recorded")
                .containsExactly(
                        // Its JOIN came after a beat: the session started with the beat.
                        "late-join " + (s + 1) + " " + (s + 2) + " - open true",
                        // A beat inside the session it left changes nothing.
                        "left " + s + " " + (s + 3) + " " + (s + 3) + " LEAVE true",
                        // The last beat of a session silence ended, delivered again, keeps it
                        // ended.
                        "repeated " + s + " " + (s + 10) + " " + (s + 10) + " TIMEOUT true",
                        // A revocation is final, though its last sign of life moves.
                        "revoked " + s + " " + (s + 5) + " " + (s + 1) + " REVOKED true",
                        // A later sign of life opens a session silence ended.
                        "silent " + s + " " + (s + 5) + " - open true",
                        // An earlier beat delivered again does not.
                        "stale " + s + " " + (s + 10) + " " + (s + 10) + " TIMEOUT true",
                        // Heard before its JOIN: recorded, the JOIN not yet.
                        "unheard " + (s + 6) + " " + (s + 6) + " - open false");
        assertThat(
                        rows(
                                "select joins * 100 + leaves * 10 + heartbeats from"
                                        + " stream_view_totals where stream_id = '"
                                        + streamId
                                        + "'"))
                .containsExactly(6L * 100 + 10 + 9);
    }

    private ViewEvent view(ViewKind kind, String session, Instant at) {
        return ViewFixtures.miniProgram(tenant, streamId, kind, "uid-" + session, session, at);
    }

    /** Seconds ago, within the grace period of their window, and all of them in today (UTC). */
    private static Instant withinGraceToday() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Instant at = now.minusSeconds(12); // its beats up to 10 s later: all past, 18 s to spare
        return at.isBefore(today) ? today : at;
    }

    private void execute(String sql) {
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(sql)
                                        .setParameter(1, streamId)
                                        .executeUpdate());
    }

    private void apply(ViewKind kind, Instant at) {
        views.applyAlone(
                ViewFixtures.miniProgram(tenant, streamId, kind, "uid-1", "session-1", at));
    }

    private long heapOnlyUpdates(String table) {
        return ((Number)
                        rows("select coalesce(sum(n_tup_hot_upd), 0) from"
                                        + " pg_stat_user_tables where relid = cast('"
                                        + table
                                        + "' as regclass)")
                                .get(0))
                .longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Object> rows(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> entityManager.createNativeQuery(sql).getResultList());
    }
}
