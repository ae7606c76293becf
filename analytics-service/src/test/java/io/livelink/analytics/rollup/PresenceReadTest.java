package io.livelink.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who is present in a window, and what reading it costs: an ended session is read from where it can
 * still be present (V14), so the many that left in the timeout before a window are not read at all.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class PresenceReadTest {

    private static final int LEFT_BEFORE = 200;
    private static final Pattern REMOVED_BY_FILTER =
            Pattern.compile("Rows Removed by Filter: (\\d+)");

    @Inject WindowSessions sessions;
    @Inject WindowCloser closer;
    @Inject RollupSettings settings;
    @Inject EntityManager entityManager;

    private final String stream = UUID.randomUUID().toString();
    // Noon of tomorrow (UTC): every row below is in one partition (made days ahead), and none is
    // silent yet by the clock, so the sweep leaves the open ones open whenever the test runs.
    private final Instant from =
            Instant.now().truncatedTo(ChronoUnit.DAYS).plus(36, ChronoUnit.HOURS);
    private final Instant to = from.plusSeconds(1);

    @BeforeEach
    void sessionsAroundTheWindow() {
        long timeout = settings.sessionTimeout().toSeconds();
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            for (int i = 0; i < LEFT_BEFORE; i++) {
                                // Left in the timeout before the window, at most 1 s before it.
                                Instant end =
                                        from.minusMillis(
                                                1000 + (timeout - 2) * 1000 * i / LEFT_BEFORE);
                                session("gone-" + i, end.minusSeconds(30), end, end, "LEAVE");
                            }
                            session(
                                    "left-after",
                                    from.minusSeconds(30),
                                    from.plusMillis(500),
                                    from.plusMillis(500),
                                    "LEAVE");
                            session(
                                    "revoked-before",
                                    from.minusSeconds(30),
                                    from.minusSeconds(10),
                                    from.minusSeconds(10),
                                    "REVOKED");
                            Instant lastSign = from.minusSeconds(timeout / 2);
                            session(
                                    "silent-recently",
                                    lastSign.minusSeconds(30),
                                    lastSign,
                                    lastSign,
                                    "TIMEOUT");
                            Instant longAgo = from.minusSeconds(timeout + 5);
                            session(
                                    "silent-long-ago",
                                    longAgo.minusSeconds(30),
                                    longAgo,
                                    longAgo,
                                    "TIMEOUT");
                            session(
                                    "watching",
                                    from.minusSeconds(30),
                                    from.minusSeconds(5),
                                    null,
                                    null);
                            session("not-yet", to.plusSeconds(1), to.plusSeconds(2), null, null);
                        });
    }

    @Test
    void presentAreThoseThatLeftDuringItThoseSilenceEndedWithinTheTimeoutAndTheOpenOnes() {
        List<String> present =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        sessions.present(stream, from, to).stream()
                                                .map(WindowSessions.Presence::viewerId)
                                                .toList());

        assertThat(present).containsExactlyInAnyOrder("left-after", "silent-recently", "watching");
    }

    @Test
    void sessionsThatLeftBeforeTheWindowAreNotRead() {
        String plan =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    // Index reads only: a sequential scan of the partition would
                                    // filter every other test's sessions too.
                                    entityManager
                                            .createNativeQuery("set local enable_seqscan = off")
                                            .executeUpdate();
                                    Query explain =
                                            WindowSessions.withPresenceLimits(
                                                    entityManager.createNativeQuery(
                                                            "explain (analyze, costs off) "
                                                                    + WindowSessions.presentDuring(
                                                                            "viewer_id")),
                                                    settings,
                                                    from,
                                                    to);
                                    explain.setParameter("stream", stream);
                                    @SuppressWarnings("unchecked")
                                    List<Object> lines = explain.getResultList();
                                    return String.join(
                                            "\n", lines.stream().map(String::valueOf).toList());
                                });

        // The ended sessions' reads (their scans bound or filter ended_at from below); the open
        // ones' read is another index's, whichever the planner takes for a test's few rows.
        long removed = 0;
        int endedReads = 0;
        for (String node : plan.split("->")) {
            if (node.contains("ended_at >")) {
                endedReads++;
                Matcher matcher = REMOVED_BY_FILTER.matcher(node);
                while (matcher.find()) {
                    removed += Long.parseLong(matcher.group(1));
                }
            }
        }
        assertThat(endedReads).as("ended sessions read:%n%s", plan).isPositive();
        assertThat(removed)
                .as(
                        "ended sessions read and dropped by a filter, of %d that left before the"
                                + " window:%n%s",
                        LEFT_BEFORE, plan)
                .isZero();
        assertThat(plan).doesNotContain("Seq Scan");
    }

    @Test
    void theKeyIsNoIndexOfAStreamsSessions() {
        // Led by the stream, the key was an index of a stream's sessions that day, which the
        // presence read could take instead of reading from where sessions can be present (V15).
        List<Object> keys =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    @SuppressWarnings("unchecked")
                                    List<Object> found =
                                            entityManager
                                                    .createNativeQuery(
                                                            "select indexdef from pg_indexes where"
                                                                    + " schemaname = current_schema()"
                                                                    + " and tablename like"
                                                                    + " 'view_session%' and indexname"
                                                                    + " like '%pkey'")
                                                    .getResultList();
                                    return found;
                                });

        assertThat(keys)
                .as("the keys of view_session and its day partitions")
                .hasSizeGreaterThan(1)
                .allSatisfy(
                        key ->
                                assertThat((String) key)
                                        .contains("(session_id, stream_id, opened_at)"));
    }

    @Test
    void aStreamIsQuietAfterAWindowOnlyWhenNoSessionIsPresentOrSeenAfterIt() {
        long timeout = settings.sessionTimeout().toSeconds();
        Instant silentRecently = to.minusSeconds(timeout / 2);
        Instant silentLongAgo = to.minusSeconds(timeout + 5);
        Instant leftBefore = to.minusSeconds(10);
        // One stream per case, each with its one session.
        List<String> watched =
                List.of(
                        alone("LEAVE", to.plusSeconds(1), to.plusSeconds(1)),
                        alone("TIMEOUT", silentRecently, silentRecently),
                        alone(null, leftBefore, null),
                        // A heartbeat that raced its session's LEAVE.
                        alone("LEAVE", to.plusSeconds(1), leftBefore));
        List<String> quiet =
                List.of(
                        alone("LEAVE", leftBefore, leftBefore),
                        alone("REVOKED", leftBefore, leftBefore),
                        alone("TIMEOUT", silentLongAgo, silentLongAgo));

        for (String streamId : watched) {
            assertThat(quiet(streamId)).as("a stream still watched after the window").isFalse();
        }
        for (String streamId : quiet) {
            assertThat(quiet(streamId)).as("a stream nobody watches after the window").isTrue();
        }
    }

    /** A new stream with one session seen last at {@code lastSeen}, ended as said (or open). */
    private String alone(String endedBy, Instant lastSeen, Instant ended) {
        String streamId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew()
                .run(() -> session(streamId, "v", from.minusSeconds(30), lastSeen, ended, endedBy));
        return streamId;
    }

    private boolean quiet(String streamId) {
        return QuarkusTransaction.requiringNew().call(() -> closer.isQuiet(streamId, to));
    }

    private void session(
            String viewer, Instant started, Instant lastSeen, Instant ended, String endedBy) {
        session(stream, viewer, started, lastSeen, ended, endedBy);
    }

    private void session(
            String streamId,
            String viewer,
            Instant started,
            Instant lastSeen,
            Instant ended,
            String endedBy) {
        boolean open = ended == null;
        Query insert =
                entityManager
                        .createNativeQuery(
                                "insert into view_session (stream_id, session_id, opened_at,"
                                        + " tenant_id, stream_type, viewer_id, channel, playback,"
                                        + " device, link_id, started_at, last_seen_at, ended_at,"
                                        + " joined_at, left_at, ended_by) values (:stream,"
                                        + " :session, :started, 'tenant-presence', 'MINI_PROGRAM',"
                                        + " :viewer, '', 'LIVE', 'MOBILE', 'link-1', :started,"
                                        + " :lastSeen, "
                                        + (open ? "null" : ":ended")
                                        + ", :started, "
                                        + ("LEAVE".equals(endedBy) ? ":ended" : "null")
                                        + ", "
                                        + (open ? "null" : ":endedBy")
                                        + ")")
                        .setParameter("stream", streamId)
                        .setParameter("session", "s-" + viewer)
                        .setParameter("started", started)
                        .setParameter("viewer", viewer)
                        .setParameter("lastSeen", lastSeen);
        if (!open) {
            insert.setParameter("ended", ended).setParameter("endedBy", endedBy);
        }
        insert.executeUpdate();
    }
}
