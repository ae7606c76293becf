package io.livelink.platform;

import io.livelink.testsupport.InfrastructureEndpoints;
import io.livelink.testsupport.LocalLinkKeys;
import io.livelink.testsupport.RealInfrastructure;
import io.livelink.testsupport.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issue 14's growth benchmark, run by hand ({@code bench/run-analytics-growth.sh}), never by the
 * build: does a query or an export of one stream or tenant cost the same with 10× the history in
 * the database?
 *
 * <ol>
 *   <li>starts a real broker and PostgreSQL, and the packaged analytics-service as its own JVM
 *       (container-image JVM flags by default), which migrates the schema;
 *   <li>writes 1× history straight into the tables the service reads, shaped as it writes them
 *       ({@code generate_series}, into day partitions made as {@code DayPartitions} names them):
 *       per-second counts and rollups of MINI_PROGRAM streams, per-minute counts and rollups (total
 *       and per channel) of H5 streams, view sessions, ENTERPRISE members' days;
 *   <li>measures every query endpoint and every export for the newest day (one stream's hour of
 *       seconds and sessions, one stream's day of minutes, the tenant's month of daily rollups):
 *       warm-up rounds, then the median of N calls with the JDK HTTP client, body read in full;
 *   <li>adds 9× as much history (older days of the same streams, until 10× the days), analyzes,
 *       measures again and prints the ratio 10×/1× per endpoint, with the response sizes: the same
 *       rows are answered (an XLSX may differ by a byte or two, its zip entries carry their time).
 * </ol>
 *
 * <p>EXPLAIN (ANALYZE, BUFFERS) of each endpoint's statement at 1× and 10× is written to {@code
 * bench/target/logs/analytics-growth-explain.txt}.
 */
public final class AnalyticsGrowthBench {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** The tables partitioned by UTC day (DayPartitions.TABLES), with their day column. */
    private static final Map<String, String> DAY_PARTITIONED =
            Map.of(
                    "stream_second_count", "second",
                    "stream_minute_count", "minute",
                    "stream_second", "second",
                    "stream_minute", "minute",
                    "late_view_event", "occurred_at",
                    "view_session", "opened_at");

    private static final int MINI_PROGRAM_STREAMS = 2;
    private static final int H5_STREAMS = 2;
    private static final int SESSIONS_PER_STREAM_DAY = 1000;
    private static final int MEMBERS = 100;
    private static final String[] CHANNELS = {"wechat", "weibo", "qq"};

    public static void main(String[] args) {
        BenchMain.runThenExit(AnalyticsGrowthBench::run, args);
    }

    private static void run(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        AnalyticsThroughputBench.JvmFlags jvm =
                args.length > 2
                        ? AnalyticsThroughputBench.JvmFlags.valueOf(args[2].toUpperCase())
                        : AnalyticsThroughputBench.JvmFlags.DEPLOYMENT;
        System.out.printf(
                "1x = %d days, 10x = %d days; %d MINI_PROGRAM and %d H5 streams live an hour a"
                        + " day with %d sessions each, %d ENTERPRISE members; median of %d calls;"
                        + " service JVM flags (%s): %s%n",
                days,
                days * 10,
                MINI_PROGRAM_STREAMS,
                H5_STREAMS,
                SESSIONS_PER_STREAM_DAY,
                MEMBERS,
                calls,
                jvm,
                jvm.options);
        Path checkout = Path.of(System.getProperty("livelink.checkout", "..")).toAbsolutePath();
        Path logs = Files.createDirectories(checkout.resolve("bench/target/logs"));
        Path explainFile = logs.resolve("analytics-growth-explain.txt");
        Files.deleteIfExists(explainFile);

        InfrastructureEndpoints infrastructure = RealInfrastructure.shared();
        Map<String, String> environment =
                new HashMap<>(
                        RunningServices.environmentFor(
                                infrastructure,
                                TestTokens.issuer().publicKeyPem(),
                                LocalLinkKeys.random(),
                                RunningServices.freePort()));
        Tenant tenant = new Tenant("growth-" + UUID.randomUUID());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (ServiceProcess service =
                        ServiceProcess.start(
                                LiveLinkService.ANALYTICS,
                                "analytics-growth",
                                LiveLinkService.ANALYTICS.runnableJar(checkout),
                                RunningServices.freePort(),
                                environment,
                                logs,
                                jvm.options);
                Connection db =
                        DriverManager.getConnection(
                                infrastructure.jdbcUrl(),
                                infrastructure.dbUser(),
                                infrastructure.dbPassword())) {
            service.awaitReady(Duration.ofSeconds(180));
            execute(db, "set search_path to analytics");
            tenant.announce(db);

            load(db, tenant, today, 1, days);
            List<Endpoint> endpoints = endpoints(service.baseUrl(), tenant, today, days);
            Map<String, Measured> small = measureAll(endpoints, calls);
            explain(db, tenant, today, days, explainFile, "1x");

            load(db, tenant, today, days + 1, days * 10);
            Map<String, Measured> large = measureAll(endpoints, calls);
            explain(db, tenant, today, days, explainFile, "10x");

            System.out.printf(
                    "history rows at 10x: %s%n",
                    rowCounts(
                            db,
                            List.of(
                                    "stream_second",
                                    "stream_second_count",
                                    "stream_minute",
                                    "stream_minute_count",
                                    "view_session",
                                    "member_daily")));
            int beyond = 0;
            for (Endpoint endpoint : endpoints) {
                Measured a = small.get(endpoint.name());
                Measured b = large.get(endpoint.name());
                double ratio = b.medianMillis() / a.medianMillis();
                if (ratio > 2) {
                    beyond++;
                }
                System.out.printf(
                        "RESULT %-24s 1x median %8.1f ms  10x median %8.1f ms  ratio %.2f"
                                + "  (%d bytes%s)%n",
                        endpoint.name(),
                        a.medianMillis(),
                        b.medianMillis(),
                        ratio,
                        b.bytes(),
                        a.bytes() == b.bytes() ? "" : ", at 1x " + a.bytes() + " bytes");
            }
            System.out.printf(
                    "RESULT %d of %d endpoints beyond 2x; EXPLAIN plans in %s%n",
                    beyond, endpoints.size(), explainFile);
        }
    }

    /** The measured tenant: its streams (announced as StreamStateChanged would) and members. */
    private record Tenant(String id) {
        String mini(int i) {
            return UUID.nameUUIDFromBytes((id + "/mini/" + i).getBytes()).toString();
        }

        String h5(int i) {
            return UUID.nameUUIDFromBytes((id + "/h5/" + i).getBytes()).toString();
        }

        void announce(Connection db) throws Exception {
            for (int i = 0; i < MINI_PROGRAM_STREAMS; i++) {
                known(db, mini(i), "MINI_PROGRAM");
            }
            for (int i = 0; i < H5_STREAMS; i++) {
                known(db, h5(i), "H5");
            }
        }

        private void known(Connection db, String stream, String type) throws Exception {
            execute(
                    db,
                    "insert into known_stream (stream_id, tenant_id, stream_type, title, state,"
                            + " changed_at) values ('"
                            + stream
                            + "', '"
                            + id
                            + "', '"
                            + type
                            + "', 'Growth bench "
                            + type
                            + "', 'LIVE', now())");
        }

        String streams(String prefix, int count) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add("'" + (prefix.equals("mini") ? mini(i) : h5(i)) + "'");
            }
            return "array[" + String.join(", ", ids) + "]";
        }
    }

    /**
     * Writes the history of the days {@code newest} to {@code oldest} days before today, each
     * stream live from 12:00 to 13:00 UTC, into day partitions made first (as DayPartitions does).
     */
    private static void load(Connection db, Tenant tenant, LocalDate today, int newest, int oldest)
            throws Exception {
        long start = System.nanoTime();
        for (int ago = newest; ago <= oldest; ago++) {
            LocalDate day = today.minusDays(ago);
            for (Map.Entry<String, String> table : DAY_PARTITIONED.entrySet()) {
                execute(
                        db,
                        "create table if not exists "
                                + table.getKey()
                                + "_p"
                                + day.format(SUFFIX)
                                + " partition of "
                                + table.getKey()
                                + " for values from ('"
                                + day
                                + " 00:00:00+00') to ('"
                                + day.plusDays(1)
                                + " 00:00:00+00')");
            }
        }
        String days =
                "generate_series("
                        + newest
                        + ", "
                        + oldest
                        + ") as g(ago), lateral (select date '"
                        + today
                        + "' - g.ago as day) d";
        String liveFrom = "((d.day + time '12:00') at time zone 'UTC')";
        String mini = tenant.streams("mini", MINI_PROGRAM_STREAMS);
        String h5 = tenant.streams("h5", H5_STREAMS);
        String t = "'" + tenant.id() + "'";
        // Per-second counts and rollups of the MINI_PROGRAM streams: every second of the live hour.
        execute(
                db,
                "insert into stream_second_count (stream_id, second, joins, leaves, new_viewers)"
                        + " select s.id, "
                        + liveFrom
                        + " + x.n * interval '1 second', x.n % 5, x.n % 3, x.n % 2 from "
                        + days
                        + ", unnest("
                        + mini
                        + ") as s(id), generate_series(0, 3599) as x(n)");
        execute(
                db,
                "insert into stream_second (stream_id, second, tenant_id, concurrent_viewers,"
                        + " joins, leaves, new_unique_viewers, revision, computed_at) select s.id, "
                        + liveFrom
                        + " + x.n * interval '1 second', "
                        + t
                        + ", 100 + x.n % 400, x.n % 5, x.n % 3, x.n % 2, 1, now() from "
                        + days
                        + ", unnest("
                        + mini
                        + ") as s(id), generate_series(0, 3599) as x(n)");
        // Per-minute counts and rollups of the H5 streams: the total (channel '') and 3 channels.
        String channels = "unnest(array['', 'wechat', 'weibo', 'qq']) as c(channel)";
        execute(
                db,
                "insert into stream_minute_count (stream_id, minute, channel, views) select s.id, "
                        + liveFrom
                        + " + x.n * interval '1 minute', c.channel, 10 + x.n from "
                        + days
                        + ", unnest("
                        + h5
                        + ") as s(id), generate_series(0, 59) as x(n), "
                        + channels
                        + " where c.channel <> ''");
        execute(
                db,
                "insert into stream_minute (stream_id, minute, channel, tenant_id, views,"
                        + " unique_viewers, watch_seconds, peak_concurrent, revision, computed_at)"
                        + " select s.id, "
                        + liveFrom
                        + " + x.n * interval '1 minute', c.channel, "
                        + t
                        + ", case when c.channel = '' then 30 + 3 * x.n else 10 + x.n end, 50 + x.n,"
                        + " 3000 + x.n, 40 + x.n, 1, now() from "
                        + days
                        + ", unnest("
                        + h5
                        + ") as s(id), generate_series(0, 59) as x(n), "
                        + channels);
        // View sessions of every stream, joined within the live hour, most of them left, the rest
        // ended by silence (as the service's sweep ends them, at their last heartbeat).
        execute(
                db,
                "insert into view_session (stream_id, session_id, tenant_id, stream_type, viewer_id,"
                        + " channel, playback, device, started_at, last_seen_at, ended_at, link_id,"
                        + " ended_by, joined_at, left_at, opened_at) select s.id, 'session-' || d.day"
                        + " || '-' || x.n, "
                        + t
                        + ", s.type, 'viewer-' || (x.n % 700), (array['wechat', 'weibo', 'qq'])[1 +"
                        + " x.n % 3], 'LIVE', 'MOBILE', j.at, j.at + interval '10 minutes', j.at +"
                        + " interval '10 minutes', 'link-1', case when x.n % 10 = 0 then 'TIMEOUT'"
                        + " else 'LEAVE' end, j.at, case"
                        + " when x.n % 10 = 0 then null else j.at + interval '10 minutes' end, j.at"
                        + " from "
                        + days
                        + ", (select unnest("
                        + mini
                        + "), 'MINI_PROGRAM' union all select unnest("
                        + h5
                        + "), 'H5') as s(id, type), generate_series(0, "
                        + (SESSIONS_PER_STREAM_DAY - 1)
                        + ") as x(n), lateral (select "
                        + liveFrom
                        + " + (x.n * 3600 / "
                        + SESSIONS_PER_STREAM_DAY
                        + ") * interval '1 second' as at) j");
        // The ENTERPRISE members' days, generated as the next-day job stores them.
        execute(
                db,
                "insert into member_daily (tenant_id, member_id, day, time_zone, live_seconds,"
                        + " replay_seconds, first_join_at, last_leave_at, sessions, revision,"
                        + " generated_at) select "
                        + t
                        + ", 'member-' || m.n, d.day, 'UTC', 1800 + m.n, m.n % 60, "
                        + liveFrom
                        + ", "
                        + liveFrom
                        + " + interval '1 hour', 1 + m.n % 3, 1, now() from "
                        + days
                        + ", generate_series(0, "
                        + (MEMBERS - 1)
                        + ") as m(n)");
        execute(
                db,
                "insert into daily_generation (tenant_id, day, generated_at) select "
                        + t
                        + ", d.day, now() from "
                        + days);
        execute(db, "analyze");
        System.out.printf(
                "loaded days %d to %d before today in %.1f s%n",
                newest, oldest, (System.nanoTime() - start) / 1e9);
    }

    /** One call of the API: how to ask for it, with the measured tenant's admin token. */
    private record Endpoint(String name, HttpRequest request) {}

    private record Measured(double medianMillis, long bytes) {}

    private static List<Endpoint> endpoints(String url, Tenant tenant, LocalDate today, int days) {
        String token = "Bearer " + TestTokens.tenantAdmin(tenant.id());
        LocalDate day = today.minusDays(1);
        Instant hour = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        String anHour = "from=" + hour + "&to=" + hour.plusSeconds(3600);
        String aDay =
                "from="
                        + day.atStartOfDay().toInstant(ZoneOffset.UTC)
                        + "&to="
                        + day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        String aMonth = "from=" + today.minusDays(days) + "&to=" + day;
        String mini = url + "/streams/" + tenant.mini(0);
        String h5 = url + "/streams/" + tenant.h5(0);
        String daily = url + "/tenants/" + tenant.id() + "/daily-rollups";
        List<Endpoint> endpoints = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            endpoints.add(
                    get(
                            "seconds-hour-page" + page,
                            mini + "/seconds?size=1000&page=" + page + "&" + anHour,
                            token));
        }
        endpoints.add(get("viewers-hour", mini + "/viewers?size=1000&" + anHour, token));
        endpoints.add(get("minutes-day", h5 + "/minutes?size=1000&" + aDay, token));
        endpoints.add(get("unique-viewers-hour", mini + "/unique-viewers?" + anHour, token));
        endpoints.add(get("unique-viewers-day", h5 + "/unique-viewers?" + aDay, token));
        endpoints.add(get("daily-month", daily + "?size=1000&" + aMonth, token));
        endpoints.add(
                get(
                        "daily-month-last-page",
                        daily + "?size=1000&page=" + (days * MEMBERS / 1000 - 1) + "&" + aMonth,
                        token));
        endpoints.add(
                get(
                        "member-daily-month",
                        url
                                + "/tenants/"
                                + tenant.id()
                                + "/members/member-7/daily-rollups?"
                                + aMonth,
                        token));
        endpoints.add(
                get("export-seconds-csv", mini + "/seconds/export?format=csv&" + anHour, token));
        endpoints.add(
                get("export-seconds-xlsx", mini + "/seconds/export?format=xlsx&" + anHour, token));
        endpoints.add(
                get("export-viewers-csv", mini + "/viewers/export?format=csv&" + anHour, token));
        endpoints.add(
                get("export-viewers-xlsx", mini + "/viewers/export?format=xlsx&" + anHour, token));
        endpoints.add(
                get("export-minutes-json", h5 + "/minutes/export?format=json&" + aDay, token));
        endpoints.add(get("export-minutes-pdf", h5 + "/minutes/export?format=pdf&" + aDay, token));
        endpoints.add(
                new Endpoint(
                        "export-daily-xlsx",
                        HttpRequest.newBuilder(URI.create(daily + "/export?" + aMonth))
                                .header("Authorization", token)
                                .header("X-Export-Password", "growth-bench-password")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build()));
        return endpoints;
    }

    private static Endpoint get(String name, String uri, String token) {
        return new Endpoint(
                name,
                HttpRequest.newBuilder(URI.create(uri)).header("Authorization", token).build());
    }

    /**
     * Rounds over every endpoint before the measured ones: with three, the 1x figures were still
     * paying for JIT compilation (the 10x ones, measured later, came out faster).
     */
    private static final int WARM_UP_ROUNDS = 20;

    /**
     * {@link #WARM_UP_ROUNDS} warm-up rounds over every endpoint, then {@code calls} rounds; the
     * endpoints take turns within a round, so a disturbance on the shared machine spreads over all
     * of them.
     */
    private static Map<String, Measured> measureAll(List<Endpoint> endpoints, int calls)
            throws Exception {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, Long> bytes = new HashMap<>();
        for (int round = -WARM_UP_ROUNDS; round < calls; round++) {
            for (Endpoint endpoint : endpoints) {
                long start = System.nanoTime();
                HttpResponse<byte[]> response =
                        HTTP.send(endpoint.request(), HttpResponse.BodyHandlers.ofByteArray());
                double millis = (System.nanoTime() - start) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            endpoint.name()
                                    + " answered "
                                    + response.statusCode()
                                    + ": "
                                    + new String(response.body()));
                }
                bytes.put(endpoint.name(), (long) response.body().length);
                if (round >= 0) {
                    times.computeIfAbsent(endpoint.name(), n -> new ArrayList<>()).add(millis);
                }
            }
        }
        Map<String, Measured> measured = new HashMap<>();
        times.forEach(
                (name, list) -> {
                    list.sort(null);
                    measured.put(name, new Measured(list.get(list.size() / 2), bytes.get(name)));
                });
        return measured;
    }

    /** The statements behind the endpoints, as the service sends them, with the run's values. */
    private static void explain(
            Connection db, Tenant tenant, LocalDate today, int days, Path file, String label)
            throws Exception {
        LocalDate day = today.minusDays(1);
        String hourFrom = "timestamptz '" + day + " 12:00:00+00'";
        String hourTo = "timestamptz '" + day + " 13:00:00+00'";
        String dayFrom = "timestamptz '" + day + " 00:00:00+00'";
        String dayTo = "timestamptz '" + day.plusDays(1) + " 00:00:00+00'";
        String mini = "'" + tenant.mini(0) + "'";
        String h5 = "'" + tenant.h5(0) + "'";
        String t = "'" + tenant.id() + "'";
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put(
                "seconds",
                "select second, concurrent_viewers from stream_second where stream_id = "
                        + mini
                        + " and second >= "
                        + hourFrom
                        + " and second < "
                        + hourTo
                        + " order by second offset 3000 limit 1000");
        statements.put(
                "viewers",
                "select viewer_id, session_id from view_session where stream_id = "
                        + mini
                        + " and started_at >= "
                        + hourFrom
                        + " and started_at < "
                        + hourTo
                        + " and opened_at > "
                        + hourFrom
                        + " - interval '24 hours' and opened_at < "
                        + hourTo
                        + " + interval '1 minute' order by started_at, session_id offset 0 limit"
                        + " 1000");
        // As WindowSessions.presentDuring reads them: open sessions by stream, ended ones by end,
        // those that left from the start, those silence ended from the timeout before it.
        String present =
                " and started_at < "
                        + dayTo
                        + " and opened_at < "
                        + dayTo
                        + " + interval '1 minute' and opened_at > "
                        + dayFrom
                        + " - interval '24 hours'";
        String ofStream = " union all select viewer_id from view_session where stream_id = " + h5;
        statements.put(
                "unique-viewers",
                "select count(distinct viewer_id) from (select viewer_id from view_session where"
                        + " stream_id = "
                        + h5
                        + " and ended_at is null and last_seen_at > "
                        + dayFrom
                        + " - interval '60 seconds'"
                        + present
                        + ofStream
                        + " and ended_by <> 'TIMEOUT' and ended_at > "
                        + dayFrom
                        + present
                        + ofStream
                        + " and ended_by = 'TIMEOUT' and ended_at > "
                        + dayFrom
                        + " - interval '60 seconds'"
                        + present
                        + ") present");
        statements.put(
                "minutes",
                "select minute, views from stream_minute where stream_id = "
                        + h5
                        + " and channel = '' and minute >= "
                        + dayFrom
                        + " and minute < "
                        + dayTo
                        + " order by minute offset 0 limit 1000");
        statements.put(
                "daily",
                "select member_id, day from member_daily where tenant_id = "
                        + t
                        + " and day >= date '"
                        + today.minusDays(days)
                        + "' and day <= date '"
                        + day
                        + "' order by day, member_id offset 2000 limit 1000");
        statements.put(
                "member-daily",
                "select member_id, day from member_daily where tenant_id = "
                        + t
                        + " and day >= date '"
                        + today.minusDays(days)
                        + "' and day <= date '"
                        + day
                        + "' and member_id = 'member-7' order by day, member_id");
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> statement : statements.entrySet()) {
            out.append("== ").append(label).append(' ').append(statement.getKey()).append('\n');
            try (Statement s = db.createStatement();
                    ResultSet rs =
                            s.executeQuery("explain (analyze, buffers) " + statement.getValue())) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
        }
        Files.writeString(
                file,
                out.toString(),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static Map<String, Long> rowCounts(Connection db, List<String> tables)
            throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            try (Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                rs.next();
                counts.put(table, rs.getLong(1));
            }
        }
        return counts;
    }

    private static void execute(Connection db, String sql) throws IOException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IOException(sql, e);
        }
    }
}
