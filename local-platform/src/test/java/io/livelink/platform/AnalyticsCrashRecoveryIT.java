package io.livelink.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livelink.events.CloudEventRecords;
import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.InfrastructureEndpoints;
import io.livelink.testsupport.LocalLinkKeys;
import io.livelink.testsupport.RealInfrastructure;
import io.livelink.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's kill -9 test: analytics-service is killed with SIGKILL ({@link
 * ServiceProcess#killHard()}) in the middle of a large backlog of view events (duplicates
 * included), started again with the same environment and consumer group, and once it has caught up
 * every rollup (per-stream totals, MINI_PROGRAM seconds, H5 minutes per channel, ENTERPRISE member
 * days) equals the figures computed here, independently, from the generated events.
 */
class AnalyticsCrashRecoveryIT {

    private static final ZoneId TENANT_ZONE = ZoneId.of("Asia/Shanghai"); // the service default
    private static final int SESSION_TIMEOUT_SECONDS = 60;

    /**
     * Distinct view events in the backlog, duplicates not counted. The full proof is {@code
     * -Dlivelink.crash.events=1000000}; the default keeps the test to about two minutes on two
     * shared cores while the backlog still takes the service many seconds, so the kill lands in the
     * middle of it.
     */
    private static final long BACKLOG_EVENTS = Long.getLong("livelink.crash.events", 300_000);

    private static final int BULK_STREAMS = 6;
    private static final int BULK_SPREAD_MILLIS = 180_000;

    private final List<ServiceProcess> started = new ArrayList<>();

    /** One view session as generated: [start, end) in millis, always ended by a LEAVE. */
    private record Session(
            String stream,
            StreamType type,
            String viewer,
            String session,
            String channel,
            Playback playback,
            long start,
            long end) {}

    private record Second(
            Instant second, long concurrent, long joins, long leaves, long newViewers) {}

    private record Minute(long views, long uniqueViewers, long watchSeconds, long peak) {}

    private record Day(
            String member,
            long liveSeconds,
            long replaySeconds,
            Instant firstJoin,
            Instant lastLeave,
            int sessions) {}

    @AfterEach
    void stop() {
        started.forEach(ServiceProcess::close);
    }

    @Test
    void killedMidStreamItRestartsAndEveryRollupIsExact() throws Exception {
        InfrastructureEndpoints infrastructure = RealInfrastructure.shared();
        String tenant = "crash-" + UUID.randomUUID();
        String token = TestTokens.tenantAdmin(tenant);
        Random random = new Random(42);

        // Windowed events a few minutes ago (all their windows due at once, well within the grace
        // set below); ENTERPRISE ones yesterday in the tenant's zone, for an on-demand day.
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(6));
        LocalDate yesterday = LocalDate.now(TENANT_ZONE).minusDays(1);
        Instant dayBase = yesterday.atTime(9, 0).atZone(TENANT_ZONE).toInstant();

        List<Session> sessions = new ArrayList<>();
        Map<String, StreamType> streams = new LinkedHashMap<>();
        for (int s = 0; s < 3; s++) {
            String stream = "mp-" + UUID.randomUUID();
            streams.put(stream, StreamType.MINI_PROGRAM);
            for (int v = 0; v < 500; v++) {
                // a quarter of the viewers come back for a second session: joins > new viewers
                String viewer = "openid-" + (v % 380);
                long start = base.toEpochMilli() + (v % 75) * 1000L + random.nextInt(1000);
                long end = start + 500 + random.nextInt(9000);
                sessions.add(
                        new Session(
                                stream,
                                StreamType.MINI_PROGRAM,
                                viewer,
                                "s-" + v,
                                "wechat",
                                Playback.LIVE,
                                start,
                                end));
            }
        }
        List<String> channels = List.of("weibo", "douyin", "email");
        for (int s = 0; s < 3; s++) {
            String stream = "h5-" + UUID.randomUUID();
            streams.put(stream, StreamType.H5);
            for (int v = 0; v < 400; v++) {
                String viewer = "uid-" + (v % 300);
                // sessions cross minute boundaries: base + 0..150 s, lasting up to 80 s
                long start = base.toEpochMilli() + random.nextInt(150_000);
                long end = start + 1000 + random.nextInt(80_000);
                sessions.add(
                        new Session(
                                stream,
                                StreamType.H5,
                                viewer,
                                "s-" + v,
                                channels.get(v % channels.size()),
                                Playback.LIVE,
                                start,
                                end));
            }
        }
        for (int s = 0; s < 2; s++) {
            String stream = "ent-" + UUID.randomUUID();
            streams.put(stream, StreamType.ENTERPRISE);
            for (int v = 0; v < 200; v++) {
                // 20 members, ten sessions each over both streams, some on two devices at once
                String member = "member-" + (v % 20);
                long start = dayBase.toEpochMilli() + random.nextInt(3 * 3600) * 1000L;
                long end = start + (60 + random.nextInt(1800)) * 1000L;
                sessions.add(
                        new Session(
                                stream,
                                StreamType.ENTERPRISE,
                                member,
                                "s-" + v,
                                "internal",
                                v % 5 == 0 ? Playback.REPLAY : Playback.LIVE,
                                start,
                                end));
            }
        }

        // The backlog: MINI_PROGRAM streams with many short sessions each, so that the kill lands
        // in the middle of it however fast the service consumes. Their totals and every one of
        // their seconds are checked like the streams above.
        long bulkSessions = Math.max(0, BACKLOG_EVENTS / 2 - sessions.size());
        for (int s = 0; s < BULK_STREAMS; s++) {
            String stream = "bk-" + UUID.randomUUID(); // stream ids are at most 40 characters
            streams.put(stream, StreamType.MINI_PROGRAM);
            long perStream = bulkSessions / BULK_STREAMS;
            for (int v = 0; v < perStream; v++) {
                // a quarter of the sessions are a returning viewer's
                String viewer = "openid-" + (v % Math.max(1, perStream * 3 / 4));
                long start = base.toEpochMilli() + random.nextInt(BULK_SPREAD_MILLIS);
                // shorter than the session timeout: every session ends by its LEAVE
                long end = start + 500 + random.nextInt(30_000);
                sessions.add(
                        new Session(
                                stream,
                                StreamType.MINI_PROGRAM,
                                viewer,
                                "b-" + v,
                                "wechat",
                                Playback.LIVE,
                                start,
                                end));
            }
        }

        // Every event as (session index * 2 + 0 for JOIN, 1 for LEAVE), one in twenty listed twice
        // (the same event id again: must not count twice), shuffled like real traffic across
        // streams; per-stream order does not matter to the rollups. Records are made as they are
        // sent, so a million of them need not be in memory at once.
        long distinctEvents = sessions.size() * 2L;
        int[] order = new int[(int) (distinctEvents + distinctEvents / 10)];
        int listed = 0;
        for (int event = 0; event < distinctEvents; event++) {
            order[listed++] = event;
            if (random.nextInt(20) == 0) {
                order[listed++] = event;
            }
        }
        int[] shuffled = java.util.Arrays.copyOf(order, listed);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = swap;
        }
        String[] eventIds = new String[(int) distinctEvents];
        Instant sentAt = Instant.now();
        Iterable<ProducerRecord<String, String>> records =
                () ->
                        java.util.Arrays.stream(shuffled)
                                .mapToObj(
                                        event -> {
                                            Session session = sessions.get(event / 2);
                                            ViewKind kind =
                                                    event % 2 == 0 ? ViewKind.JOIN : ViewKind.LEAVE;
                                            if (eventIds[event] == null) {
                                                eventIds[event] = UUID.randomUUID().toString();
                                            }
                                            return CloudEventRecords.record(
                                                    view(tenant, session, kind),
                                                    eventIds[event],
                                                    "/livelink/test",
                                                    sentAt);
                                        })
                                .iterator();

        Map<String, String> environment =
                new HashMap<>(
                        RunningServices.environmentFor(
                                infrastructure,
                                TestTokens.issuer().publicKeyPem(),
                                LocalLinkKeys.random(),
                                RunningServices.freePort()));
        environment.put("LIVELINK_ANALYTICS_GRACE", "PT1H");
        // The killed instance never leaves the consumer group; its successor is handed the
        // partitions once the coordinator gives up on it (the session timeout).
        environment.put("KAFKA_SESSION_TIMEOUT_MS", "10000");
        int port = RunningServices.freePort();
        Path logs = Files.createDirectories(Path.of("target/it-logs"));
        Path jar = LiveLinkService.ANALYTICS.runnableJar(Path.of("").toAbsolutePath().getParent());

        long producing = System.nanoTime();
        EventsOnKafka.shared().publishInBulk(records);
        System.out.printf(
                "%d records (%d distinct events) published in %d ms%n",
                shuffled.length, distinctEvents, (System.nanoTime() - producing) / 1_000_000);

        ServiceProcess first =
                ServiceProcess.start(
                        LiveLinkService.ANALYTICS,
                        "analytics-crash-1",
                        jar,
                        port,
                        environment,
                        logs);
        started.add(first);
        first.awaitReady(Duration.ofSeconds(120));

        // Kill it once some, but far from all, of the backlog is reflected. The backlog is large
        // enough that the service needs many seconds for it, so a reading of at least a twentieth
        // comes well before three quarters, however fast the consumer and however slow the
        // machine's start of it.
        long[] applied = new long[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            applied[0] = appliedEvents(first.baseUrl(), token, streams.keySet());
                            return applied[0] >= distinctEvents / 20;
                        });
        first.killHard();
        // At most one poll (50 ms) of progress passed between this reading and the SIGKILL.
        System.out.printf("killed at %d of %d events reflected%n", applied[0], distinctEvents);
        assertThat(applied[0])
                .as("events reflected just before the kill (of %d)", distinctEvents)
                .isBetween(distinctEvents / 20, distinctEvents * 3 / 4);

        ServiceProcess second =
                ServiceProcess.start(
                        LiveLinkService.ANALYTICS,
                        "analytics-crash-2",
                        jar,
                        port,
                        environment,
                        logs);
        started.add(second);
        Instant restarted = Instant.now();
        second.awaitReady(Duration.ofSeconds(120));
        String url = second.baseUrl();

        // 1. Per-stream totals: joins and leaves, each distinct event once.
        Map<String, List<Session>> byStream = new HashMap<>();
        for (Session session : sessions) {
            byStream.computeIfAbsent(session.stream(), k -> new ArrayList<>()).add(session);
        }
        await().atMost(Duration.ofSeconds(180 + distinctEvents / 5_000))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            for (String stream : streams.keySet()) {
                                long count = byStream.get(stream).size();
                                JsonPath views =
                                        given().auth()
                                                .oauth2(token)
                                                .get(url + "/streams/" + stream + "/views")
                                                .then()
                                                .statusCode(200)
                                                .extract()
                                                .jsonPath();
                                assertThat(views.getLong("views")).as(stream).isEqualTo(count);
                                assertThat(views.getLong("leaves")).as(stream).isEqualTo(count);
                            }
                        });

        // 2. MINI_PROGRAM seconds and H5 minutes, once the closer has (re)computed them.
        System.out.printf(
                "caught up %s after the restart%n", Duration.between(restarted, Instant.now()));
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            for (Map.Entry<String, StreamType> stream : streams.entrySet()) {
                                List<Session> of = byStream.get(stream.getKey());
                                if (stream.getValue() == StreamType.MINI_PROGRAM) {
                                    assertThat(actualSeconds(url, token, stream.getKey(), base))
                                            .as("seconds of " + stream.getKey())
                                            .isEqualTo(expectedSeconds(of));
                                } else if (stream.getValue() == StreamType.H5) {
                                    assertThat(actualMinutes(url, token, stream.getKey(), base))
                                            .as("minutes of " + stream.getKey())
                                            .isEqualTo(expectedMinutes(of));
                                }
                            }
                        });

        // 3. ENTERPRISE member days, generated on demand for yesterday.
        List<Session> enterprise =
                sessions.stream().filter(s -> s.type() == StreamType.ENTERPRISE).toList();
        Response generated =
                given().auth()
                        .oauth2(token)
                        .post(url + "/tenants/" + tenant + "/daily-rollups/" + yesterday);
        assertThat(generated.statusCode()).as(generated.asString()).isEqualTo(200);
        Map<String, Day> days = new TreeMap<>();
        JsonPath json = generated.jsonPath();
        for (int i = 0; i < json.getList("").size(); i++) {
            String at = "[" + i + "].";
            days.put(
                    json.getString(at + "memberId"),
                    new Day(
                            json.getString(at + "memberId"),
                            json.getLong(at + "liveSeconds"),
                            json.getLong(at + "replaySeconds"),
                            Instant.parse(json.getString(at + "firstJoinAt")),
                            Instant.parse(json.getString(at + "lastLeaveAt")),
                            json.getInt(at + "sessions")));
        }
        assertThat(days).isEqualTo(expectedDays(enterprise));
    }

    /** The joins and leaves reflected so far over all streams (a 404 is a stream not seen yet). */
    private static long appliedEvents(String url, String token, Set<String> streams) {
        long applied = 0;
        for (String stream : streams) {
            Response response =
                    given().auth().oauth2(token).get(url + "/streams/" + stream + "/views");
            if (response.statusCode() == 200) {
                applied +=
                        response.jsonPath().getLong("views")
                                + response.jsonPath().getLong("leaves");
            }
        }
        return applied;
    }

    private static List<Second> actualSeconds(
            String url, String token, String stream, Instant base) {
        JsonPath json =
                given().auth()
                        .oauth2(token)
                        .queryParam("from", base.toString())
                        .queryParam("to", base.plus(Duration.ofMinutes(10)).toString())
                        .queryParam("size", 1000)
                        .get(url + "/streams/" + stream + "/seconds")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        List<Second> seconds = new ArrayList<>();
        // One GPath evaluation per response: one per field is seconds of Groovy on a busy machine.
        for (Map<String, Object> row : json.<Map<String, Object>>getList("")) {
            Second second =
                    new Second(
                            Instant.parse((String) row.get("second")),
                            number(row, "concurrentViewers"),
                            number(row, "joins"),
                            number(row, "leaves"),
                            number(row, "newUniqueViewers"));
            // A second first computed while a session still looked open, and corrected to nothing
            // once its LEAVE arrived, stays as an all-zero row (a later revision): same as absent.
            if (second.concurrent() + second.joins() + second.leaves() + second.newViewers() > 0) {
                seconds.add(second);
            }
        }
        return seconds;
    }

    /**
     * Per second: joins and leaves that happened in it, viewers whose first join fell in it, and
     * sessions under way at its end (started before it, not ended by it). Counted per second and
     * summed up, so that a stream of the backlog's size takes milliseconds: at a second's end t,
     * the sessions under way are those started before t less those ended at or before t.
     */
    private static List<Second> expectedSeconds(List<Session> sessions) {
        Map<String, Long> firstJoin = new HashMap<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Session s : sessions) {
            firstJoin.merge(s.viewer(), s.start(), Math::min);
            from = Math.min(from, Math.floorDiv(s.start(), 1000));
            to = Math.max(to, Math.floorDiv(s.end(), 1000));
        }
        int count = (int) (to - from + 2);
        long[] joins = new long[count];
        long[] leaves = new long[count];
        long[] endsOnTheSecond = new long[count];
        long[] newViewers = new long[count];
        for (Session s : sessions) {
            joins[(int) (Math.floorDiv(s.start(), 1000) - from)]++;
            leaves[(int) (Math.floorDiv(s.end(), 1000) - from)]++;
            if (s.end() % 1000 == 0) {
                endsOnTheSecond[(int) (s.end() / 1000 - from)]++;
            }
        }
        for (long first : firstJoin.values()) {
            newViewers[(int) (Math.floorDiv(first, 1000) - from)]++;
        }
        List<Second> seconds = new ArrayList<>();
        long startedBefore = 0;
        long endedBefore = 0;
        for (int i = 0; i < count - 1; i++) {
            startedBefore += joins[i];
            endedBefore += leaves[i];
            // sessions started before the second's end, less those ended before it or exactly at it
            long concurrent = startedBefore - endedBefore - endsOnTheSecond[i + 1];
            if (concurrent + joins[i] + leaves[i] + newViewers[i] > 0) {
                seconds.add(
                        new Second(
                                Instant.ofEpochSecond(from + i),
                                concurrent,
                                joins[i],
                                leaves[i],
                                newViewers[i]));
            }
        }
        return seconds;
    }

    private static Map<Instant, Map<String, Minute>> actualMinutes(
            String url, String token, String stream, Instant base) {
        JsonPath json =
                given().auth()
                        .oauth2(token)
                        .queryParam("from", base.toString())
                        .queryParam("to", base.plus(Duration.ofMinutes(10)).toString())
                        .queryParam("size", 1000)
                        .get(url + "/streams/" + stream + "/minutes")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        Map<Instant, Map<String, Minute>> minutes = new TreeMap<>();
        for (Map<String, Object> row : json.<Map<String, Object>>getList("")) {
            Map<String, Minute> byChannel = new TreeMap<>();
            byChannel.put("", minute(row));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> channels = (List<Map<String, Object>>) row.get("channels");
            for (Map<String, Object> channel : channels) {
                byChannel.put((String) channel.get("channel"), minute(channel));
            }
            minutes.put(Instant.parse((String) row.get("minute")), byChannel);
        }
        return minutes;
    }

    private static Minute minute(Map<String, Object> figures) {
        return new Minute(
                number(figures, "views"),
                number(figures, "uniqueViewers"),
                number(figures, "watchSeconds"),
                number(figures, "peakConcurrent"));
    }

    private static long number(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).longValue();
    }

    /** Per minute, in total ("") and per channel. */
    private static Map<Instant, Map<String, Minute>> expectedMinutes(List<Session> sessions) {
        long from = sessions.stream().mapToLong(Session::start).min().orElseThrow();
        long to = sessions.stream().mapToLong(Session::end).max().orElseThrow();
        Map<Instant, Map<String, Minute>> minutes = new TreeMap<>();
        for (long minute = Math.floorDiv(from, 60_000) * 60_000; minute <= to; minute += 60_000) {
            long start = minute;
            long end = minute + 60_000;
            List<Session> present =
                    sessions.stream().filter(s -> s.start() < end && s.end() > start).toList();
            if (present.isEmpty()) {
                continue;
            }
            Map<String, Minute> byChannel = new TreeMap<>();
            byChannel.put("", minuteOf(present, start, end));
            for (String channel : present.stream().map(Session::channel).distinct().toList()) {
                byChannel.put(
                        channel,
                        minuteOf(
                                present.stream().filter(s -> s.channel().equals(channel)).toList(),
                                start,
                                end));
            }
            minutes.put(Instant.ofEpochMilli(minute), byChannel);
        }
        return minutes;
    }

    /**
     * Views: joins in the minute; unique viewers: distinct viewers present in it; watch seconds:
     * the watched time inside it; peak: the most sessions present at one instant of it.
     */
    private static Minute minuteOf(List<Session> present, long start, long end) {
        long views = present.stream().filter(s -> s.start() >= start && s.start() < end).count();
        long unique = present.stream().map(Session::viewer).distinct().count();
        long watched = 0;
        for (Session s : present) {
            watched += Math.min(end, s.end()) - Math.max(start, s.start());
        }
        long peak = 0;
        for (Session at : present) {
            // the count is highest just at some session's (clipped) start
            long instant = Math.max(start, at.start());
            long concurrent =
                    present.stream()
                            .filter(s -> Math.max(start, s.start()) <= instant && s.end() > instant)
                            .count();
            peak = Math.max(peak, concurrent);
        }
        return new Minute(views, unique, watched / 1000, peak);
    }

    /** Per member: union of LIVE and of REPLAY intervals, first join, last leave, sessions. */
    private static Map<String, Day> expectedDays(List<Session> sessions) {
        Map<String, List<Session>> byMember = new TreeMap<>();
        for (Session s : sessions) {
            byMember.computeIfAbsent(s.viewer(), m -> new ArrayList<>()).add(s);
        }
        Map<String, Day> days = new TreeMap<>();
        for (Map.Entry<String, List<Session>> member : byMember.entrySet()) {
            List<Session> of = member.getValue();
            days.put(
                    member.getKey(),
                    new Day(
                            member.getKey(),
                            unionMillis(of, Playback.LIVE) / 1000,
                            unionMillis(of, Playback.REPLAY) / 1000,
                            Instant.ofEpochMilli(
                                    of.stream().mapToLong(Session::start).min().orElseThrow()),
                            Instant.ofEpochMilli(
                                    of.stream().mapToLong(Session::end).max().orElseThrow()),
                            of.size()));
        }
        return days;
    }

    /** Counted millisecond by millisecond over the covered seconds: no interval arithmetic. */
    private static long unionMillis(List<Session> sessions, Playback playback) {
        Set<Long> covered = new HashSet<>();
        for (Session s : sessions) {
            if (s.playback() == playback) {
                // the generated ENTERPRISE sessions start and end on whole seconds
                for (long second = s.start(); second < s.end(); second += 1000) {
                    covered.add(second);
                }
            }
        }
        return covered.size() * 1000L;
    }

    private static ViewEvent view(String tenant, Session session, ViewKind kind) {
        ViewerIdKind idKind =
                switch (session.type()) {
                    case MINI_PROGRAM -> ViewerIdKind.OPENID;
                    case H5 -> ViewerIdKind.CLOUD_UID;
                    case ENTERPRISE -> ViewerIdKind.MEMBER;
                };
        return new ViewEvent(
                session.stream(),
                tenant,
                session.type(),
                "link-1",
                session.viewer(),
                idKind,
                session.session(),
                kind,
                session.playback(),
                Device.MOBILE,
                session.channel(),
                session.channel(),
                null,
                null,
                Instant.ofEpochMilli(kind == ViewKind.JOIN ? session.start() : session.end()),
                Instant.ofEpochMilli(session.start()));
    }
}
