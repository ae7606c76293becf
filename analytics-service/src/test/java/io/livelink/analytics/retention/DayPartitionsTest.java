package io.livelink.analytics.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.analytics.StoredRows;
import io.livelink.analytics.ViewFixtures;
import io.livelink.analytics.ingest.PrivatePartition;
import io.livelink.analytics.ingest.ViewEventsConsumer;
import io.livelink.analytics.retention.DayPartitions.DayPartitioned;
import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The day-partitioned tables (V10, V11) on the real PostgreSQL: a day older than the retention (400
 * days by default) is dropped as a whole partition, the days kept still answer the query API and
 * the exports, a row of a day that had no partition yet is moved into its day's once it is made,
 * and a view session is one row in the partition of the day it was opened however late it ends.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class DayPartitionsTest {

    private static final DayPartitioned SECONDS = new DayPartitioned("stream_second", "second");
    private static final DayPartitioned MINUTE_COUNTS =
            new DayPartitioned("stream_minute_count", "minute");
    private static final DayPartitioned SESSIONS = new DayPartitioned("view_session", "opened_at");

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String stream = UUID.randomUUID().toString();

    @Inject DayPartitions partitions;
    @Inject ViewEventsConsumer consumer;
    @Inject EntityManager entityManager;

    @Test
    void aDayOlderThanTheRetentionIsDroppedAndTheDaysKeptStillAnswer() {
        Instant recent = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        Instant old = recent.minus(402, ChronoUnit.DAYS);
        LocalDate oldDay = LocalDate.ofInstant(old, ZoneOffset.UTC);
        sql(
                "insert into stream_view_totals (stream_id, tenant_id, stream_type, joins, leaves,"
                        + " heartbeats, first_event_at, last_event_at) values (:stream, :tenant,"
                        + " 'MINI_PROGRAM', 0, 0, 0, :at, :at)",
                Map.of("stream", stream, "tenant", tenant, "at", old));

        // As the job ran 402 days ago: that day has its partition, and a second is stored in it.
        partitions.maintain(oldDay);
        assertThat(days(SECONDS)).contains(oldDay);
        second(old, 3);
        second(recent, 7);
        assertThat(count("select count(*) from stream_second_p" + suffix(oldDay), Map.of()))
                .as("the old second is in its day's partition")
                .isEqualTo(1);

        // Today the day is older than the retention: its partition is gone, with its rows.
        partitions.maintain(LocalDate.now(ZoneOffset.UTC));
        assertThat(days(SECONDS)).doesNotContain(oldDay);
        assertThat(
                        count(
                                "select count(*) from stream_second where stream_id = :stream",
                                Map.of("stream", stream)))
                .as("only the recent second is left")
                .isEqualTo(1);

        // The days kept answer as before: the query API and the export.
        String token = TestTokens.tenantAdmin(tenant);
        assertThat(seconds(token, old).getList("second")).isEmpty();
        JsonPath seconds = seconds(token, recent);
        assertThat(seconds.getList("second")).containsExactly(recent.toString());
        assertThat(seconds.getList("concurrentViewers", Integer.class)).containsExactly(7);
        String csv =
                given().auth()
                        .oauth2(token)
                        .queryParam("from", recent.toString())
                        .queryParam("to", recent.plusSeconds(1).toString())
                        .queryParam("format", "csv")
                        .get("/streams/" + stream + "/seconds/export")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(csv.lines().count()).as(csv).isEqualTo(2); // header and the recent second
        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .as(csv)
                .contains(recent.toString());
    }

    @Test
    void aRowOfADayWithoutPartitionWaitsInTheDefaultOneAndMovesIntoItsDay() {
        Instant later = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(40, ChronoUnit.DAYS);
        LocalDate laterDay = LocalDate.ofInstant(later, ZoneOffset.UTC);
        assertThat(days(MINUTE_COUNTS)).doesNotContain(laterDay);
        sql(
                "insert into stream_minute_count (stream_id, minute, channel, views) values"
                        + " (:stream, :minute, 'wechat', 4)",
                Map.of("stream", stream, "minute", later));
        Map<String, Object> ours = Map.of("stream", stream);
        assertThat(
                        count(
                                "select count(*) from stream_minute_count_default where"
                                        + " stream_id = :stream",
                                ours))
                .isEqualTo(1);

        partitions.maintain(laterDay);

        assertThat(days(MINUTE_COUNTS)).contains(laterDay);
        assertThat(
                        count(
                                "select count(*) from stream_minute_count_default where"
                                        + " stream_id = :stream",
                                ours))
                .isZero();
        assertThat(
                        count(
                                "select sum(views) from stream_minute_count_p"
                                        + suffix(laterDay)
                                        + " where stream_id = :stream",
                                ours))
                .isEqualTo(4);
    }

    @Test
    void aSessionSpanningMidnightIsOneRowInTheDayItWasOpenedAndGoesWithThatDay() {
        // As the service ran 402 days ago: a member's session opened a moment before midnight,
        // its heartbeat and its leave after it, each applied in a batch of its own.
        Instant opened =
                LocalDate.now(ZoneOffset.UTC)
                        .minusDays(402)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .minusSeconds(10);
        LocalDate openedDay = LocalDate.ofInstant(opened, ZoneOffset.UTC);
        partitions.maintain(openedDay);
        assertThat(days(SESSIONS)).contains(openedDay, openedDay.plusDays(1));
        String session = UUID.randomUUID().toString();
        PrivatePartition views = new PrivatePartition(consumer);
        long offset = 0;
        for (ViewKind kind : ViewKind.values()) {
            Instant at = opened.plusSeconds(20L * offset++);
            views.applyAlone(
                    new ViewEvent(
                            stream,
                            tenant,
                            StreamType.ENTERPRISE,
                            "link-1",
                            "member-1",
                            ViewerIdKind.MEMBER,
                            session,
                            kind,
                            Playback.LIVE,
                            Device.PC,
                            "default",
                            null,
                            null,
                            null,
                            at,
                            opened));
        }

        Map<String, Object> ours = Map.of("session", session);
        assertThat(count("select count(*) from view_session where session_id = :session", ours))
                .as("JOIN, HEARTBEAT and LEAVE on one row")
                .isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from view_session_p"
                                        + suffix(openedDay)
                                        + " where session_id = :session and ended_by = 'LEAVE'"
                                        + " and started_at = opened_at and ended_at > :midnight",
                                Map.of("session", session, "midnight", opened.plusSeconds(10))))
                .as("in the partition of the day it was opened, ended after midnight")
                .isEqualTo(1);

        // A first join of that day (only per-second streams record them, so it is written here),
        // and two streams first joined that day too: one still watched (a session of today), one
        // whose latest event was yesterday.
        firstJoin(stream, "member-1", opened);
        String stillWatched = UUID.randomUUID().toString();
        String joinedLately = UUID.randomUUID().toString();
        firstJoin(stillWatched, "member-1", opened);
        firstJoin(joinedLately, "member-1", opened);
        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
        firstJoin(joinedLately, "member-2", yesterday);
        sql(
                "insert into stream_view_totals (stream_id, tenant_id, stream_type, joins, leaves,"
                        + " heartbeats, first_event_at, last_event_at) values (:stream, :tenant,"
                        + " 'MINI_PROGRAM', 2, 0, 0, :first, :last)",
                Map.of(
                        "stream",
                        joinedLately,
                        "tenant",
                        tenant,
                        "first",
                        opened,
                        "last",
                        yesterday));
        views.applyAlone(
                ViewFixtures.miniProgram(
                        tenant,
                        stillWatched,
                        ViewKind.JOIN,
                        "member-1",
                        UUID.randomUUID().toString(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5)));

        // Today that day is older than the retention: the session goes with its partition, and
        // its stream's first joins with it (its latest event is older than the retention), but
        // not those of a stream still watched or watched yesterday.
        partitions.maintain(LocalDate.now(ZoneOffset.UTC));
        assertThat(days(SESSIONS)).doesNotContain(openedDay);
        assertThat(count("select count(*) from view_session where session_id = :session", ours))
                .isZero();
        assertThat(firstJoins(stream)).isZero();
        assertThat(firstJoins(stillWatched)).isOne();
        assertThat(firstJoins(joinedLately)).isEqualTo(2);
    }

    private void firstJoin(String streamId, String viewerId, Instant at) {
        sql(
                "insert into stream_viewer (stream_id, viewer_id, first_join_at) values (:stream,"
                        + " :viewer, :at)",
                Map.of("stream", streamId, "viewer", viewerId, "at", at));
    }

    private long firstJoins(String streamId) {
        return count(
                "select count(*) from stream_viewer where stream_id = :stream",
                Map.of("stream", streamId));
    }

    private JsonPath seconds(String token, Instant second) {
        return given().auth()
                .oauth2(token)
                .queryParam("from", second.toString())
                .queryParam("to", second.plusSeconds(1).toString())
                .get("/streams/" + stream + "/seconds")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void second(Instant at, int concurrent) {
        sql(
                "insert into stream_second values (:stream, :at, :tenant, :concurrent, 1, 0, 1, 1,"
                        + " now())",
                Map.of("stream", stream, "at", at, "tenant", tenant, "concurrent", concurrent));
    }

    private java.util.List<LocalDate> days(DayPartitioned table) {
        return QuarkusTransaction.requiringNew().call(() -> partitions.days(table));
    }

    private static String suffix(LocalDate day) {
        return day.format(DateTimeFormatter.ofPattern("yyyyMMdd"));
    }

    private long count(String sql, Map<String, Object> parameters) {
        return StoredRows.number(entityManager, sql, parameters);
    }

    private void sql(String sql, Map<String, Object> parameters) {
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            Query query = entityManager.createNativeQuery(sql);
                            parameters.forEach(query::setParameter);
                            query.executeUpdate();
                        });
    }
}
