package io.livelink.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.agroal.api.AgroalDataSource;
import io.livelink.analytics.ingest.ViewEventsConsumer;
import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.events.Topics;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.TestTokens;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * View events as MINI_PROGRAM and H5 players send them, and waiting until the service counted them.
 */
public final class ViewFixtures {

    private ViewFixtures() {}

    /** A MINI_PROGRAM view event of an OpenID viewer over WeChat. */
    public static ViewEvent miniProgram(
            String tenant,
            String streamId,
            ViewKind kind,
            String viewer,
            String session,
            Instant at) {
        return new ViewEvent(
                streamId,
                tenant,
                StreamType.MINI_PROGRAM,
                "link-1",
                viewer,
                ViewerIdKind.OPENID,
                session,
                kind,
                Playback.LIVE,
                Device.MOBILE,
                "wechat",
                null,
                null,
                null,
                at);
    }

    /** An H5 view event of a cloud-UID viewer on the web, come through Weibo. */
    public static ViewEvent h5(
            String tenant,
            String streamId,
            ViewKind kind,
            String viewer,
            String session,
            Instant at) {
        return new ViewEvent(
                streamId,
                tenant,
                StreamType.H5,
                "link-1",
                viewer,
                ViewerIdKind.CLOUD_UID,
                session,
                kind,
                Playback.LIVE,
                Device.PC,
                "web",
                "weibo",
                null,
                null,
                at);
    }

    /**
     * Waits until the stream's totals show this many joins, and then until every view event
     * published so far is applied (a LEAVE or HEARTBEAT sent after the last JOIN may be in a later
     * batch: a test that then moves a frozen clock past its window must not outrun it).
     */
    public static void awaitJoins(String tenant, String streamId, int joins) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                given().auth()
                                        .oauth2(TestTokens.tenantAdmin(tenant))
                                        .get("/streams/" + streamId + "/views")
                                        .then()
                                        .statusCode(200)
                                        .body("views", is(joins)));
        awaitEveryViewApplied();
    }

    /**
     * Waits until the service has applied every view event on the topic so far: the offsets it
     * stores with each batch reach the end of each partition.
     */
    public static void awaitEveryViewApplied() {
        Map<TopicPartition, Long> ends = EventsOnKafka.shared().endOffsets(Topics.VIEW_EVENTS);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> {
                            Map<TopicPartition, Long> applied = storedOffsets();
                            return ends.entrySet().stream()
                                    .allMatch(
                                            end ->
                                                    applied.getOrDefault(end.getKey(), 0L)
                                                            >= end.getValue());
                        });
    }

    private static Map<TopicPartition, Long> storedOffsets() throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (Connection db =
                        Arc.container().instance(AgroalDataSource.class).get().getConnection();
                PreparedStatement query =
                        db.prepareStatement(
                                "select partition, next_offset from consumer_offset"
                                        + " where consumer = ? and topic = ?")) {
            query.setString(1, ViewEventsConsumer.CONSUMER);
            query.setString(2, Topics.VIEW_EVENTS);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    offsets.put(
                            new TopicPartition(Topics.VIEW_EVENTS, rows.getInt(1)),
                            rows.getLong(2));
                }
            }
        }
        return offsets;
    }
}
