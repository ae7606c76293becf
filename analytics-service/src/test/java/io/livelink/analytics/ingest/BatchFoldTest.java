package io.livelink.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.analytics.ViewFixtures;
import io.livelink.analytics.ingest.IngestRows.FirstJoinMove;
import io.livelink.analytics.ingest.IngestRows.MinuteCounts;
import io.livelink.analytics.ingest.IngestRows.NewSessionFacts;
import io.livelink.analytics.ingest.IngestRows.SecondCounts;
import io.livelink.analytics.ingest.IngestRows.SessionRow;
import io.livelink.analytics.ingest.IngestRows.StreamTotals;
import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a batch folds into rows, without a database. */
class BatchFoldTest {

    private static final Instant T0 = Instant.parse("2027-01-04T08:00:00Z");

    private static ViewEvent mini(
            String stream, ViewKind kind, String viewer, String session, long ms) {
        return ViewFixtures.miniProgram("t", stream, kind, viewer, session, T0.plusMillis(ms));
    }

    @Test
    void aSessionIsOneRowWidenedByEachOfItsEventsInAnyOrder() {
        List<ViewEvent> events =
                List.of(
                        mini("s1", ViewKind.HEARTBEAT, "v", "a", 5_000),
                        mini("s1", ViewKind.JOIN, "v", "a", 1_000),
                        mini("s1", ViewKind.LEAVE, "v", "a", 9_000),
                        mini("s1", ViewKind.JOIN, "w", "b", 2_000),
                        mini("s0", ViewKind.JOIN, "v", "a", 3_000));
        List<SessionRow> rows = BatchFold.sessions(events);
        assertThat(rows)
                .extracting(r -> r.streamId() + "/" + r.sessionId())
                .containsExactly("s0/a", "s1/a", "s1/b");
        SessionRow a = rows.get(1);
        assertThat(a.startedAt()).isEqualTo(T0.plusMillis(1_000));
        assertThat(a.lastSeenAt()).isEqualTo(T0.plusMillis(9_000));
        assertThat(a.joinedAt()).isEqualTo(T0.plusMillis(1_000));
        assertThat(a.leftAt()).isEqualTo(T0.plusMillis(9_000));
        assertThat(a.endedAt()).isEqualTo(T0.plusMillis(9_000));
        assertThat(rows.get(2).leftAt()).isNull();
        List<ViewEvent> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        assertThat(BatchFold.sessions(reversed)).isEqualTo(rows);
    }

    @Test
    void aSessionSpanningMidnightIsOneRowKeptByTheMomentItWasOpened() {
        Instant opened = Instant.parse("2027-01-04T23:59:50Z");
        List<ViewEvent> events =
                List.of(
                        opened(
                                ViewFixtures.miniProgram("t", "s", ViewKind.JOIN, "v", "a", opened),
                                opened),
                        opened(mini("s", ViewKind.HEARTBEAT, "v", "a", 57_600_000), opened),
                        opened(mini("s", ViewKind.LEAVE, "v", "a", 57_620_000), opened));

        List<SessionRow> rows = BatchFold.sessions(events);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).openedAt()).isEqualTo(opened);
        assertThat(rows.get(0).startedAt()).isEqualTo(opened);
        assertThat(rows.get(0).endedAt()).isEqualTo(T0.plusMillis(57_620_000));
    }

    @Test
    void aViewWithoutItsSessionsOpeningIsKeptByTheStartOfItsOwnDay() {
        // From a producer that predates sessionOpenedAt: each UTC day of the session is a row.
        List<SessionRow> rows =
                BatchFold.sessions(
                        List.of(
                                mini("s", ViewKind.JOIN, "v", "a", 0),
                                mini("s", ViewKind.HEARTBEAT, "v", "a", 57_600_000)));

        assertThat(rows)
                .extracting(SessionRow::openedAt)
                .containsExactly(
                        Instant.parse("2027-01-04T00:00:00Z"),
                        Instant.parse("2027-01-05T00:00:00Z"));
    }

    @Test
    void aSessionsInstantsAreCutToTheMicrosecondPostgreSQLKeeps() {
        // PostgreSQL keeps microseconds: text it rounds, the COPY's binary values would be cut.
        // Cut once here, a session is the same row whichever way it is written.
        Instant joined = T0.plusNanos(1_234_567_891L);
        Instant left = joined.plusNanos(500_999_999L);
        Instant openedAt = joined.minusNanos(999);
        List<SessionRow> rows =
                BatchFold.sessions(
                        List.of(
                                opened(
                                        ViewFixtures.miniProgram(
                                                "t", "s1", ViewKind.JOIN, "v", "x", joined),
                                        openedAt),
                                opened(
                                        ViewFixtures.miniProgram(
                                                "t", "s1", ViewKind.LEAVE, "v", "x", left),
                                        openedAt)));

        assertThat(rows).hasSize(1);
        SessionRow row = rows.get(0);
        assertThat(row.openedAt()).isEqualTo(openedAt.truncatedTo(ChronoUnit.MICROS));
        assertThat(row.startedAt()).isEqualTo(T0.plusNanos(1_234_567_000L));
        assertThat(row.joinedAt()).isEqualTo(row.startedAt());
        assertThat(row.lastSeenAt()).isEqualTo(left.truncatedTo(ChronoUnit.MICROS));
        assertThat(row.endedAt()).isEqualTo(row.lastSeenAt());
        assertThat(row.leftAt()).isEqualTo(row.lastSeenAt());
    }

    private static ViewEvent opened(ViewEvent view, Instant sessionOpenedAt) {
        return new ViewEvent(
                view.streamId(),
                view.tenantId(),
                view.streamType(),
                view.linkId(),
                view.viewerId(),
                view.viewerIdKind(),
                view.sessionId(),
                view.kind(),
                view.playback(),
                view.device(),
                view.channel(),
                view.utmSource(),
                view.utmMedium(),
                view.utmCampaign(),
                view.occurredAt(),
                sessionOpenedAt);
    }

    @Test
    void firstJoinsAreTheEarliestJoinPerViewerOfPerSecondStreams() {
        ViewEvent h5 =
                new ViewEvent(
                        "h",
                        "t",
                        StreamType.H5,
                        "l",
                        "v",
                        ViewerIdKind.CLOUD_UID,
                        "x",
                        ViewKind.JOIN,
                        Playback.LIVE,
                        Device.PC,
                        "weibo",
                        null,
                        null,
                        null,
                        T0);
        assertThat(
                        BatchFold.firstJoins(
                                List.of(
                                        mini("s", ViewKind.JOIN, "v", "a", 4_000),
                                        mini("s", ViewKind.JOIN, "v", "b", 2_000),
                                        mini("s", ViewKind.LEAVE, "v", "b", 1_000),
                                        h5)))
                .containsExactly(new IngestRows.FirstJoin("s", "v", T0.plusMillis(2_000)));
    }

    @Test
    void windowsGetWhatWasRecordedForTheFirstTimeAsDeltas() {
        List<NewSessionFacts> facts =
                List.of(
                        new NewSessionFacts(
                                "s",
                                "t",
                                StreamType.MINI_PROGRAM,
                                "wechat",
                                T0.plusMillis(100),
                                T0.plusMillis(1_500)),
                        new NewSessionFacts(
                                "s",
                                "t",
                                StreamType.MINI_PROGRAM,
                                "wechat",
                                T0.plusMillis(900),
                                null),
                        new NewSessionFacts(
                                "s",
                                "t",
                                StreamType.MINI_PROGRAM,
                                "wechat",
                                null,
                                T0.plusMillis(1_200)),
                        new NewSessionFacts(
                                "h", "t", StreamType.H5, "weibo", T0.plusSeconds(61), null),
                        new NewSessionFacts(
                                "h", "t", StreamType.H5, "qq", T0.plusSeconds(62), null),
                        new NewSessionFacts(
                                "h", "t", StreamType.H5, "weibo", T0.plusSeconds(119), null),
                        new NewSessionFacts(
                                "e", "t", StreamType.ENTERPRISE, "pc", T0, T0.plusSeconds(9)));
        List<FirstJoinMove> moves =
                List.of(
                        new FirstJoinMove("s", null, T0.plusMillis(100)),
                        // an earlier join came late: the viewer is new in second 0, not 1
                        new FirstJoinMove("s", T0.plusMillis(1_900), T0.plusMillis(900)));
        BatchFold.WindowCounts counts = BatchFold.counts(facts, moves);
        assertThat(counts.seconds())
                .containsExactly(
                        new SecondCounts("s", T0, 2, 0, 2),
                        new SecondCounts("s", T0.plusSeconds(1), 0, 2, -1));
        assertThat(counts.minutes())
                .containsExactly(
                        new MinuteCounts("h", T0.plusSeconds(60), "qq", 1),
                        new MinuteCounts("h", T0.plusSeconds(60), "weibo", 2));
    }

    @Test
    void nothingNewAddsNothing() {
        assertThat(BatchFold.counts(List.of(), List.of()).seconds()).isEmpty();
        List<ViewEvent> duplicate = List.of(mini("s", ViewKind.JOIN, "v", "a", 0));
        // the JOIN was recorded before: no new facts, so totals only see the event's time
        assertThat(BatchFold.totals(duplicate, List.of(), List.of()))
                .containsExactly(
                        new StreamTotals("s", "t", StreamType.MINI_PROGRAM, 0, 0, 0, T0, T0));
    }

    @Test
    void totalsAddNewJoinsLeavesLateOnesAndHeartbeats() {
        List<ViewEvent> events =
                List.of(
                        mini("s", ViewKind.JOIN, "v", "a", 2_000),
                        mini("s", ViewKind.HEARTBEAT, "v", "a", 3_000),
                        mini("s", ViewKind.JOIN, "w", "b", -60_000));
        List<NewSessionFacts> facts =
                List.of(
                        new NewSessionFacts(
                                "s",
                                "t",
                                StreamType.MINI_PROGRAM,
                                "wechat",
                                T0.plusSeconds(2),
                                null));
        assertThat(BatchFold.totals(events, facts, List.of(events.get(2))))
                .containsExactly(
                        new StreamTotals(
                                "s",
                                "t",
                                StreamType.MINI_PROGRAM,
                                2,
                                0,
                                1,
                                T0.minusSeconds(60),
                                T0.plusSeconds(3)));
    }
}
