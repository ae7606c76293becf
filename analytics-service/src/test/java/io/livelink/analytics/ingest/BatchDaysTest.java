package io.livelink.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.analytics.StoredRows;
import io.livelink.analytics.ViewFixtures;
import io.livelink.analytics.ingest.IngestRows.SessionRow;
import io.livelink.analytics.retention.DayPartitions;
import io.livelink.analytics.session.SessionLifecycle;
import io.livelink.events.StreamType;
import io.livelink.events.ViewKind;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A view batch's statements that find sessions by a join (heartbeats, revocations, departures) read
 * only the day partitions of the batch's sessions. Left to the join, PostgreSQL plans and locks
 * every day of the retention (400 and more) for each batch, and prunes only as it runs.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class BatchDaysTest {

    @Inject ViewEventsConsumer consumer;
    @Inject IngestStatements statements;
    @Inject SessionLifecycle lifecycle;
    @Inject DayPartitions partitions;
    @Inject EntityManager entityManager;

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String stream = UUID.randomUUID().toString();

    @Test
    void aBatchPlansAndLocksOnlyTheDaysItsSessionsWereOpened() {
        QuarkusTransaction.requiringNew()
                .run(() -> partitions.maintain(LocalDate.now(ZoneOffset.UTC).plusDays(20)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Instant joined = now.minusSeconds(10).isBefore(today) ? today : now.minusSeconds(10);
        new PrivatePartition(consumer)
                .applyAlone(
                        ViewFixtures.miniProgram(
                                tenant, stream, ViewKind.JOIN, "uid-1", "s-1", joined));
        SessionRow beat =
                new SessionRow(
                        stream,
                        "s-1",
                        today,
                        tenant,
                        StreamType.MINI_PROGRAM,
                        "uid-1",
                        "wechat",
                        "LIVE",
                        "MOBILE",
                        "link-1",
                        joined.plusSeconds(5),
                        joined.plusSeconds(5),
                        null,
                        null,
                        null);
        SessionLifecycle.Openings openings = new SessionLifecycle.Openings(today, today);

        List<String> locked =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    statements.recordSessions(List.of(beat));
                                    lifecycle.endRevoked(List.of("link-1"), openings);
                                    lifecycle.endDeparted(tenant, List.of("uid-1"), openings);
                                    return sessionPartitionsLocked();
                                });

        assertThat(
                        StoredRows.number(
                                entityManager,
                                "select count(*) from pg_inherits i join pg_class p on p.oid ="
                                        + " i.inhparent where p.relname = 'view_session'",
                                Map.of()))
                .as("days of sessions kept")
                .isGreaterThan(5);
        assertThat(locked)
                .containsExactly(
                        "view_session_p"
                                + LocalDate.ofInstant(today, ZoneOffset.UTC)
                                        .toString()
                                        .replace("-", ""));
    }

    @SuppressWarnings("unchecked")
    private List<String> sessionPartitionsLocked() {
        return entityManager
                .createNativeQuery(
                        "select distinct c.relname from pg_locks l join pg_class c on c.oid ="
                                + " l.relation join pg_inherits i on i.inhrelid = c.oid join"
                                + " pg_class p on p.oid = i.inhparent where l.pid ="
                                + " pg_backend_pid() and p.relname = 'view_session'")
                .getResultList();
    }
}
