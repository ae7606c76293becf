package io.livelink.platform;

import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.testsupport.EmbeddedPostgresServer;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.InfrastructureEndpoints;
import io.livelink.testsupport.LocalLinkKeys;
import io.livelink.testsupport.RealInfrastructure;
import io.livelink.testsupport.TestTokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Issue 5's benchmark, run by hand ({@code bench/run-analytics-throughput.sh}), never by the build:
 *
 * <ol>
 *   <li>starts a real broker and PostgreSQL, pre-loads W warm-up ViewEvents of one tenant into
 *       {@code livelink.view-events}, and starts the packaged analytics-service as its own JVM;
 *   <li>waits until the warm-up is applied and the JIT's compiler threads have gone quiet, so the
 *       figure is the sustained rate of a running service, not its start;
 *   <li>stops the service (SIGSTOP), pre-loads N measured events of another tenant, lets it go on,
 *       and measures events/s into committed rollups (the per-stream totals and the rollup inputs
 *       commit in the consumer's transaction), from the first measured event reflected in
 *       PostgreSQL to the last, with the CPU the service (by kind of thread) and PostgreSQL spent
 *       per event meanwhile;
 *   <li>runs Kafka's own {@code ConsumerPerformance} on the same topic (the ceiling);
 *   <li>sends a live MINI_PROGRAM stream and samples {@code /streams/{id}/seconds} for the delay
 *       from each second's end to it being queryable.
 * </ol>
 *
 * <p>In package {@code io.livelink.platform} to reuse local-platform's package-private {@link
 * ServiceProcess} and {@link RunningServices#environmentFor}.
 */
public final class AnalyticsThroughputBench {

    private static final String TOPIC = "livelink.view-events";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) {
        BenchMain.runThenExit(AnalyticsThroughputBench::run, args);
    }

    private static void run(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int freshnessSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        JvmFlags jvm = args.length > 2 ? JvmFlags.valueOf(args[2].toUpperCase()) : JvmFlags.LOCAL;
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        EventOrder order =
                args.length > 4 ? EventOrder.valueOf(args[4].toUpperCase()) : EventOrder.ORDERED;
        ViewerMix mix =
                args.length > 5 ? ViewerMix.valueOf(args[5].toUpperCase()) : ViewerMix.PAIRS;
        int perSession = mix.offsetsMillis.length;
        if (n % perSession != 0 || warmUp % perSession != 0) {
            throw new IllegalArgumentException(
                    mix
                            + " sends "
                            + perSession
                            + " events per session: N and the warm-up must"
                            + " be multiples of it");
        }
        System.out.printf("service JVM flags (%s): %s%n", jvm, jvm.options);
        System.out.printf("event order: %s, viewer mix: %s%n", order, mix);
        Path checkout = Path.of(System.getProperty("livelink.checkout", "..")).toAbsolutePath();

        InfrastructureEndpoints infrastructure = RealInfrastructure.shared();
        String tenant = "bench-" + UUID.randomUUID();
        long preloadStart = System.nanoTime();
        // Old enough that every window is due when the events are consumed: what follows measures
        // the service's work, not the clock.
        Instant base = Instant.now().minus(Duration.ofMinutes(5));
        String warmUpTenant = "warm-up-" + tenant;
        if (warmUp > 0) {
            preload(infrastructure.kafkaBootstrapServers(), warmUpTenant, warmUp, base, order, mix);
        }
        System.out.printf(
                "preloaded %d warm-up events in %.1f s%n",
                warmUp, (System.nanoTime() - preloadStart) / 1e9);

        Map<String, String> environment =
                new HashMap<>(
                        RunningServices.environmentFor(
                                infrastructure,
                                TestTokens.issuer().publicKeyPem(),
                                LocalLinkKeys.random(),
                                RunningServices.freePort()));
        // Pre-loaded events are minutes old by the time they are consumed: keep them in grace.
        environment.put("LIVELINK_ANALYTICS_GRACE", "PT2H");
        // Experiments: LIVELINK_BENCH_SERVICE_ENV="K=V,K=V" adds to the service's environment, e.g.
        // close delays of an hour to measure ingestion without window computation.
        String extra = System.getenv().getOrDefault("LIVELINK_BENCH_SERVICE_ENV", "");
        for (String setting : extra.isBlank() ? new String[0] : extra.split(",")) {
            int equals = setting.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException(
                        "LIVELINK_BENCH_SERVICE_ENV wants K=V,K=V; got " + setting);
            }
            environment.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        System.out.printf("extra service environment: %s%n", extra.isBlank() ? "none" : extra);
        Path logs = Files.createDirectories(checkout.resolve("bench/target/logs"));
        try (ServiceProcess service =
                ServiceProcess.start(
                        LiveLinkService.ANALYTICS,
                        "analytics-bench",
                        LiveLinkService.ANALYTICS.runnableJar(checkout),
                        RunningServices.freePort(),
                        environment,
                        logs,
                        jvm.options)) {
            service.awaitReady(Duration.ofSeconds(180));
            ProcessProbe probe = new ProcessProbe(service.pid());
            if (warmUp > 0) {
                settle(infrastructure, warmUpTenant, warmUp, probe);
            }
            // The measured events go in while the service is stopped (SIGSTOP, well within the
            // group's session timeout), so it finds them as one backlog and the producer does not
            // take the cores it measures on.
            long measuredPreload = System.nanoTime();
            signal(service.pid(), "STOP");
            try {
                preload(infrastructure.kafkaBootstrapServers(), tenant, n, base, order, mix);
            } finally {
                signal(service.pid(), "CONT");
            }
            System.out.printf(
                    "preloaded %d measured events in %.1f s, the service stopped meanwhile%n",
                    n, (System.nanoTime() - measuredPreload) / 1e9);

            // (a) events/s into committed rollups
            long first = 0;
            long last = 0;
            long finalAt;
            long firstCount = 0;
            double cpuAtFirst = 0;
            double cpuAtLast = 0;
            Map<String, Double> postgresAtFirst = Map.of();
            Map<String, Double> postgresAtLast = Map.of();
            Map<String, Double> threadsAtFirst = Map.of();
            Map<String, Double> threadsAtLast = Map.of();
            String oldestTransactions;
            try (Connection db =
                    DriverManager.getConnection(
                            infrastructure.jdbcUrl(),
                            infrastructure.dbUser(),
                            infrastructure.dbPassword())) {
                long count = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
                // The embedded server trusts local logins; only the superuser sees every backend.
                try (OldestTransactionSampler transactions =
                        new OldestTransactionSampler(
                                infrastructure.jdbcUrl(), "postgres", "postgres")) {
                    while (count < n && System.nanoTime() < deadline) {
                        count = applied(db, tenant);
                        long now = System.nanoTime();
                        if (count > 0 && first == 0) {
                            first = now;
                            firstCount = count;
                            cpuAtFirst = probe.cpuSeconds();
                            postgresAtFirst = ProcessProbe.cpuSecondsOfCommandByKind("postgres");
                            threadsAtFirst = probe.cpuSecondsByThreadKind();
                        }
                        last = now;
                        probe.sampleRssKib();
                        Thread.sleep(50);
                    }
                    // Read once, as the last count was seen: walking /proc every 50 ms took
                    // the cores being measured.
                    cpuAtLast = probe.cpuSeconds();
                    postgresAtLast = ProcessProbe.cpuSecondsOfCommandByKind("postgres");
                    threadsAtLast = probe.cpuSecondsByThreadKind();
                    oldestTransactions = transactions.summary();
                }
                if (count < n) {
                    throw new IllegalStateException("only " + count + " of " + n + " applied");
                }
                // (a2) ... and until every window of them is computed and stored for good: no
                // cursor of the tenant short of the last event's window, no correction pending.
                Instant lastWindow = base.plusSeconds(LAST_EVENT_SECOND);
                long windowsDeadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                boolean allComputed;
                while (!(allComputed = pendingCursors(db, tenant, lastWindow) == 0)
                        && System.nanoTime() < windowsDeadline) {
                    Thread.sleep(50);
                }
                finalAt = allComputed ? System.nanoTime() : 0;
            }
            double seconds = (last - first) / 1e9;
            double serviceRate = (n - firstCount) / seconds;
            System.out.printf(
                    "RESULT service: %d events into committed rollups in %.1f s = %.0f events/s%n",
                    n - firstCount, seconds, serviceRate);
            System.out.printf(
                    "RESULT service CPU: %.1f s for them = %.1f us per event; RSS peak %d MiB"
                            + " during the drain%n",
                    cpuAtLast - cpuAtFirst,
                    (cpuAtLast - cpuAtFirst) * 1e6 / (n - firstCount),
                    probe.peakRssKib() / 1024);
            double postgresSeconds =
                    ProcessProbe.total(postgresAtLast) - ProcessProbe.total(postgresAtFirst);
            System.out.printf(
                    "RESULT PostgreSQL CPU: %.1f s over the same drain = %.1f us per event%n",
                    postgresSeconds, postgresSeconds * 1e6 / (n - firstCount));
            printCpuByKind("service", threadsAtFirst, threadsAtLast, n - firstCount);
            printCpuByKind("PostgreSQL", postgresAtFirst, postgresAtLast, n - firstCount);
            System.out.println(
                    "RESULT oldest open transaction over the drain: " + oldestTransactions);
            if (finalAt == 0) {
                System.out.println("RESULT windows: not all computed within 5 minutes");
            } else {
                double finalSeconds = (finalAt - first) / 1e9;
                System.out.printf(
                        "RESULT windows: every second and minute of them computed %.1f s after"
                                + " the first event was applied = %.0f events/s%n",
                        finalSeconds, (n - firstCount) / finalSeconds);
            }

            if (Boolean.getBoolean(EmbeddedPostgresServer.STATEMENT_STATS)) {
                printStatementStats(infrastructure, "whole run");
            }

            // (b) the ceiling: Kafka's ConsumerPerformance on the same topic, in its own JVM
            double[] ceiling =
                    consumerPerformance(infrastructure.kafkaBootstrapServers(), warmUp + n);
            System.out.printf(
                    "RESULT ceiling: ConsumerPerformance nMsg.sec %.0f msg/s (ratio %.4f),"
                            + " fetch.nMsg.sec %.0f msg/s (ratio %.4f)%n",
                    ceiling[0], serviceRate / ceiling[0], ceiling[1], serviceRate / ceiling[1]);

            // (c) freshness of live seconds, beside a live audience if one is asked for
            int audience = Integer.getInteger(LIVE_AUDIENCE, 0);
            if (audience > 0 && Boolean.getBoolean(EmbeddedPostgresServer.STATEMENT_STATS)) {
                resetStatementStats(infrastructure);
            }
            double liveCpuAtStart = probe.cpuSeconds();
            Map<String, Double> livePostgresAtStart =
                    ProcessProbe.cpuSecondsOfCommandByKind("postgres");
            long liveStart = System.nanoTime();
            List<Long> delays =
                    freshness(service.baseUrl(), infrastructure, freshnessSeconds, audience);
            if (audience > 0) {
                double liveSeconds = (System.nanoTime() - liveStart) / 1e9;
                double serviceCpu = probe.cpuSeconds() - liveCpuAtStart;
                double postgresCpu =
                        ProcessProbe.total(ProcessProbe.cpuSecondsOfCommandByKind("postgres"))
                                - ProcessProbe.total(livePostgresAtStart);
                System.out.printf(
                        "RESULT live audience: %d viewers, a heartbeat each every %d s, for %.0f s"
                                + " (%.0f events/s): service CPU %.3f s per second, PostgreSQL"
                                + " CPU %.3f s per second%n",
                        audience,
                        HEARTBEAT_INTERVAL.toSeconds(),
                        liveSeconds,
                        audience / (double) HEARTBEAT_INTERVAL.toSeconds(),
                        serviceCpu / liveSeconds,
                        postgresCpu / liveSeconds);
                if (Boolean.getBoolean(EmbeddedPostgresServer.STATEMENT_STATS)) {
                    printStatementStats(infrastructure, "the live phase");
                }
            }
            List<Long> sorted = new ArrayList<>(delays);
            sorted.sort(Long::compare);
            if (!sorted.isEmpty()) {
                System.out.printf(
                        "RESULT freshness: %d seconds sampled, p50 %d ms, p99 %d ms, max %d ms%n",
                        sorted.size(),
                        Percentiles.nearestRank(sorted, 0.5),
                        Percentiles.nearestRank(sorted, 0.99),
                        sorted.get(sorted.size() - 1));
            }
        }
    }

    /**
     * {@code -Dlivelink.bench.liveAudience=N}: during the freshness phase, N viewers of another
     * MINI_PROGRAM stream of the tenant join in its first heartbeat interval, spread evenly, and
     * send a heartbeat every interval after, in real time: live traffic, where each second is
     * computed on its own as it ends, unlike the backlog drained above.
     */
    static final String LIVE_AUDIENCE = "livelink.bench.liveAudience";

    /** link-service's heartbeat interval. */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

    /** The last pre-loaded event falls in this second after the base. */
    private static final int LAST_EVENT_SECOND = 119;

    /**
     * When the pre-loaded events happened. ORDERED: in the order they are sent, spread over two
     * minutes, as a backlog after an outage is (a partition keeps each stream's events in order),
     * so a batch touches the last second or two of each stream. INTERLEAVED: event i in second (i /
     * 2) mod 120, so every batch touches every second of every stream, which makes every batch a
     * correction of windows already computed: the worst case, not a likely one.
     */
    enum EventOrder {
        ORDERED,
        INTERLEAVED
    }

    /**
     * What each viewer sends. PAIRS: a JOIN and its LEAVE 0.9 s later, sent back to back (as this
     * bench always has, so its figures compare across sessions), so every event opens or ends a
     * session and brings a new viewer, and the two meet in one batch. WATCHING: as players do, a
     * JOIN, a HEARTBEAT every 15 s (link-service's interval) for 90 s and a LEAVE 5 s after the
     * last, sent in the order they happened, so most events extend a session opened batches ago.
     */
    enum ViewerMix {
        PAIRS(new long[] {0, 900}),
        WATCHING(new long[] {0, 15_000, 30_000, 45_000, 60_000, 75_000, 90_000, 95_000});

        /**
         * When each of a session's events happens after its JOIN; the first JOIN, the last LEAVE.
         */
        final long[] offsetsMillis;

        ViewerMix(long[] offsetsMillis) {
            this.offsetsMillis = offsetsMillis;
        }

        ViewKind kind(int index) {
            return index == 0
                    ? ViewKind.JOIN
                    : index == offsetsMillis.length - 1 ? ViewKind.LEAVE : ViewKind.HEARTBEAT;
        }
    }

    /**
     * N events over 50 MINI_PROGRAM and 50 H5 streams, a few minutes old, each session's as the mix
     * says.
     */
    private static void preload(
            String bootstrap, String tenant, int n, Instant base, EventOrder order, ViewerMix mix)
            throws Exception {
        int perSession = mix.offsetsMillis.length;
        int sessions = n / perSession;
        long span = mix.offsetsMillis[perSession - 1];
        // Event e (session e / perSession, its (e % perSession)-th) at its millisecond, sorted as
        // one long each: the millisecond above, the event's number below.
        long[] timeline = new long[sessions * perSession];
        for (int e = 0; e < timeline.length; e++) {
            int session = e / perSession;
            long joinMillis =
                    order == EventOrder.ORDERED
                            ? session * (LAST_EVENT_SECOND * 1000L - span) / (sessions + 1)
                            : (session % Math.max(1, LAST_EVENT_SECOND + 1 - span / 1000)) * 1000L;
            timeline[e] = ((joinMillis + mix.offsetsMillis[e % perSession]) << 32) | e;
        }
        if (mix == ViewerMix.WATCHING) {
            Arrays.sort(timeline);
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("linger.ms", "10");
        props.put("batch.size", "262144");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (long entry : timeline) {
                int e = (int) entry;
                int session = e / perSession;
                int stream = session % 100;
                StreamType type = stream < 50 ? StreamType.MINI_PROGRAM : StreamType.H5;
                Instant at = base.plusMillis(entry >>> 32);
                ViewEvent view =
                        new ViewEvent(
                                UUID.nameUUIDFromBytes(
                                                (tenant + "/" + stream)
                                                        .getBytes(StandardCharsets.UTF_8))
                                        .toString(),
                                tenant,
                                type,
                                "link-1",
                                "viewer-" + session,
                                type == StreamType.H5
                                        ? ViewerIdKind.CLOUD_UID
                                        : ViewerIdKind.OPENID,
                                "session-" + session,
                                mix.kind(e % perSession),
                                Playback.LIVE,
                                Device.MOBILE,
                                "weibo",
                                "weibo",
                                null,
                                null,
                                at);
                ProducerRecord<String, String> record = EventsOnKafka.recordOf(view);
                sent.add(producer.send(record));
            }
            for (Future<?> ack : sent) {
                ack.get();
            }
        }
    }

    /**
     * Waits until the warm-up events are applied and the JIT has settled: its compiler threads used
     * under a twentieth of a core over 5 s (at most 3 minutes). A 2-core machine's one C2 thread
     * was still compiling a third of the service's CPU a minute into the run, so without this the
     * figure was the JIT's as much as the service's.
     */
    private static void settle(
            InfrastructureEndpoints infrastructure,
            String warmUpTenant,
            int warmUp,
            ProcessProbe probe)
            throws Exception {
        long start = System.nanoTime();
        try (Connection db =
                DriverManager.getConnection(
                        infrastructure.jdbcUrl(),
                        infrastructure.dbUser(),
                        infrastructure.dbPassword())) {
            long deadline = start + Duration.ofMinutes(30).toNanos();
            while (applied(db, warmUpTenant) < warmUp && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
        long applied = System.nanoTime();
        double compiling = compilerSeconds(probe);
        long settleDeadline = applied + Duration.ofMinutes(3).toNanos();
        double lastWindow;
        do {
            Thread.sleep(5000);
            double now = compilerSeconds(probe);
            lastWindow = now - compiling;
            compiling = now;
        } while (lastWindow > 0.25 && System.nanoTime() < settleDeadline);
        System.out.printf(
                "warm-up applied in %.1f s; JIT settled %.1f s later (compiler threads %.2f s of"
                        + " CPU in the last 5 s)%n",
                (applied - start) / 1e9, (System.nanoTime() - applied) / 1e9, lastWindow);
    }

    private static double compilerSeconds(ProcessProbe probe) {
        return probe.cpuSecondsByThreadKind().entrySet().stream()
                .filter(e -> e.getKey().contains("CompilerThre"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    private static void signal(long pid, String signal) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " exited " + exit);
        }
    }

    /** The service's CPU over the drain by kind of thread, the largest first. */
    private static void printCpuByKind(
            String whose, Map<String, Double> atFirst, Map<String, Double> atLast, long events) {
        System.out.println(whose + " CPU over the drain by kind (us per event):");
        atLast.entrySet().stream()
                .map(
                        e ->
                                Map.entry(
                                        e.getKey(),
                                        e.getValue() - atFirst.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(12)
                .forEach(
                        e ->
                                System.out.printf(
                                        "  %6.2f  %s%n", e.getValue() * 1e6 / events, e.getKey()));
    }

    /**
     * A superuser's connection with the statement statistics extension created (it is the
     * superuser's to create; the embedded server trusts local logins).
     */
    private static Connection statementStats(InfrastructureEndpoints infrastructure)
            throws SQLException {
        Connection db =
                DriverManager.getConnection(infrastructure.jdbcUrl(), "postgres", "postgres");
        try (Statement statement = db.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Forgets the statements' figures so far, so the next print covers what follows. */
    private static void resetStatementStats(InfrastructureEndpoints infrastructure)
            throws SQLException {
        try (Connection db = statementStats(infrastructure);
                Statement statement = db.createStatement()) {
            statement.execute("select pg_stat_statements_reset()");
        }
    }

    /** The statements PostgreSQL spent the most time executing, and their share. */
    private static void printStatementStats(InfrastructureEndpoints infrastructure, String over)
            throws Exception {
        try (Connection db = statementStats(infrastructure);
                Statement statement = db.createStatement()) {
            try (ResultSet rs =
                    statement.executeQuery(
                            "select calls, rows, total_exec_time, total_plan_time,"
                                    + " 100 * total_exec_time / sum(total_exec_time) over () as"
                                    + " share, left(regexp_replace(query, '\\s+', ' ', 'g'), 150)"
                                    + " as query from pg_stat_statements order by total_exec_time"
                                    + " desc limit 20")) {
                System.out.println("PostgreSQL statements by execution time (" + over + "):");
                while (rs.next()) {
                    System.out.printf(
                            "  %5.1f%% %9.0f ms exec %7.0f ms plan %8d calls %9d rows  %s%n",
                            rs.getDouble("share"),
                            rs.getDouble("total_exec_time"),
                            rs.getDouble("total_plan_time"),
                            rs.getLong("calls"),
                            rs.getLong("rows"),
                            rs.getString("query"));
                }
            }
            // Row versions by table: an update that is not heap-only wrote an entry in every index.
            try (ResultSet rs =
                    statement.executeQuery(
                            "select coalesce(p.relname, t.relname) as name, sum(t.n_tup_ins) as"
                                    + " ins, sum(t.n_tup_upd) as upd, sum(t.n_tup_hot_upd) as hot"
                                    + " from pg_stat_user_tables t left join pg_inherits i on"
                                    + " i.inhrelid = t.relid left join pg_class p on p.oid ="
                                    + " i.inhparent where t.schemaname = 'analytics' group by 1"
                                    + " having sum(t.n_tup_upd) > 0 order by 3 desc")) {
                System.out.println("PostgreSQL row versions by table (whole run):");
                while (rs.next()) {
                    System.out.printf(
                            "  %-24s %9d inserted %9d updated, %5.1f%% of them heap-only%n",
                            rs.getString("name"),
                            rs.getLong("ins"),
                            rs.getLong("upd"),
                            100.0 * rs.getLong("hot") / rs.getLong("upd"));
                }
            }
        }
    }

    private static long applied(Connection db, String tenant) throws Exception {
        try (Statement statement = db.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "select coalesce(sum(joins + heartbeats + leaves), 0) from"
                                        + " analytics.stream_view_totals where tenant_id = '"
                                        + tenant
                                        + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Cursors of the tenant with windows up to the last event's still to compute or correct. */
    private static long pendingCursors(Connection db, String tenant, Instant lastWindow)
            throws Exception {
        try (var statement =
                db.prepareStatement(
                        "select count(*) from analytics.rollup_cursor where tenant_id = ? and"
                                + " (correct_from is not null or next_start <= ?)")) {
            statement.setString(1, tenant);
            statement.setObject(2, lastWindow.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The service's JVM: as {@code ./livelink up} starts it (C1 only, a small heap, so three
     * services fit a laptop), or as its container image does in a deployment (C2, the image's
     * ParallelGC, 75 % of the pod's 768 MiB memory limit as heap).
     */
    enum JvmFlags {
        LOCAL(ServiceProcess.LOCAL_JVM),
        DEPLOYMENT(List.of("-XX:+UseParallelGC", "-Xmx576m", "-XX:+ExitOnOutOfMemoryError")),
        /**
         * As DEPLOYMENT, profiled: with async-profiler when {@code LIVELINK_BENCH_ASYNC_PROFILER}
         * names its libasyncProfiler.so (Maven Central: tools.profiler:async-profiler, linux-x64),
         * collapsed stacks in /tmp/analytics-bench.collapsed (JIT and GC included); else Flight
         * Recorder, /tmp/analytics-bench.jfr.
         */
        PROFILE(
                with(
                        DEPLOYMENT.options,
                        System.getenv("LIVELINK_BENCH_ASYNC_PROFILER") != null
                                ? "-agentpath:"
                                        + System.getenv("LIVELINK_BENCH_ASYNC_PROFILER")
                                        + "=start,event=itimer,interval=2ms,"
                                        + "file=/tmp/analytics-bench.collapsed,collapsed"
                                : "-XX:StartFlightRecording=filename=/tmp/analytics-bench.jfr,"
                                        + "settings=profile,dumponexit=true"));

        final List<String> options;

        JvmFlags(List<String> options) {
            this.options = options;
        }

        private static List<String> with(List<String> options, String more) {
            List<String> all = new ArrayList<>(options);
            all.add(more);
            return List.copyOf(all);
        }
    }

    /**
     * Runs {@code kafka.tools ConsumerPerformance} in its own JVM; returns its nMsg.sec (the whole
     * run, group join included) and fetch.nMsg.sec (fetching only).
     */
    private static double[] consumerPerformance(String bootstrap, int n) throws Exception {
        List<String> command =
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.kafka.tools.ConsumerPerformance",
                        "--bootstrap-server",
                        bootstrap,
                        "--topic",
                        TOPIC,
                        "--messages",
                        Integer.toString(n),
                        "--group",
                        "bench-consumer-performance-" + UUID.randomUUID());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("  ConsumerPerformance> " + line);
                lines.add(line);
            }
        }
        process.waitFor();
        String[] header = null;
        for (String line : lines) {
            if (line.startsWith("start.time")) {
                header = line.split(",\\s*");
            } else if (header != null && line.matches("^\\d{4}-.*")) {
                String[] values = line.split(",\\s*");
                double[] rates = new double[2];
                for (int c = 0; c < header.length; c++) {
                    if (header[c].trim().equals("nMsg.sec")) {
                        rates[0] = Double.parseDouble(values[c].trim());
                    } else if (header[c].trim().equals("fetch.nMsg.sec")) {
                        rates[1] = Double.parseDouble(values[c].trim());
                    }
                }
                return rates;
            }
        }
        throw new IllegalStateException("no nMsg.sec in ConsumerPerformance's output");
    }

    /**
     * For {@code seconds} seconds, a MINI_PROGRAM stream gets ten joins each second (event time
     * now); meanwhile {@code /streams/{id}/seconds} is read every 50 ms, and for each second the
     * delay from its end to its first appearance is kept.
     */
    private static List<Long> freshness(
            String url, InfrastructureEndpoints infrastructure, int seconds, int audience)
            throws Exception {
        String tenant = "fresh-" + UUID.randomUUID();
        String stream = UUID.randomUUID().toString();
        String token = TestTokens.tenantAdmin(tenant);
        EventsOnKafka kafka = new EventsOnKafka(infrastructure.kafkaBootstrapServers());
        Map<Long, Long> seenAt = new HashMap<>();
        Instant start = Instant.now();
        AtomicReference<RuntimeException> audienceFailed = new AtomicReference<>();
        Thread audienceSender =
                new Thread(
                        () -> {
                            try {
                                kafka.publishInBulk(
                                        () -> new LiveAudience(tenant, audience, start, seconds));
                            } catch (RuntimeException e) {
                                audienceFailed.set(e);
                            }
                        });
        if (audience > 0) {
            audienceSender.start();
        }
        Thread sender =
                new Thread(
                        () -> {
                            int viewer = 0;
                            while (Duration.between(start, Instant.now()).toSeconds() < seconds) {
                                for (int i = 0; i < 10; i++) {
                                    Instant now = Instant.now();
                                    kafka.publish(
                                            miniProgramView(
                                                    stream,
                                                    tenant,
                                                    "viewer-" + viewer,
                                                    "session-" + viewer++,
                                                    ViewKind.JOIN,
                                                    now,
                                                    now));
                                }
                                try {
                                    Thread.sleep(80);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        });
        sender.start();
        long firstSecond = start.toEpochMilli() / 1000 * 1000 + 2000; // skip the partial first
        long lastSecond = firstSecond + (seconds - 3) * 1000L;
        long deadline = System.currentTimeMillis() + (seconds + 30) * 1000L;
        while (System.currentTimeMillis() < deadline
                && (seenAt.isEmpty() || !seenAt.containsKey(lastSecond))) {
            HttpRequest request =
                    HttpRequest.newBuilder(
                                    URI.create(
                                            url
                                                    + "/streams/"
                                                    + stream
                                                    + "/seconds?size=1000&from="
                                                    + start.minusSeconds(5)
                                                    + "&to="
                                                    + start.plusSeconds(seconds + 60)))
                            .header("Authorization", "Bearer " + token)
                            .build();
            HttpResponse<String> response =
                    HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            long now = System.currentTimeMillis();
            if (response.statusCode() == 200) {
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile("\"second\":\"([^\"]+)\"")
                                .matcher(response.body());
                while (m.find()) {
                    seenAt.putIfAbsent(Instant.parse(m.group(1)).toEpochMilli(), now);
                }
            }
            Thread.sleep(50);
        }
        sender.join();
        if (audience > 0) {
            audienceSender.join();
            if (audienceFailed.get() != null) {
                throw new IllegalStateException(
                        "the live audience was not sent", audienceFailed.get());
            }
        }
        List<Long> delays = new ArrayList<>();
        for (Map.Entry<Long, Long> seen : seenAt.entrySet()) {
            if (seen.getKey() >= firstSecond && seen.getKey() <= lastSecond) {
                delays.add(seen.getValue() - (seen.getKey() + 1000));
            }
        }
        return delays;
    }

    /** A live view of a WeChat mini-program viewer, as link-service emits it. */
    private static ViewEvent miniProgramView(
            String stream,
            String tenant,
            String viewer,
            String session,
            ViewKind kind,
            Instant at,
            Instant sessionOpenedAt) {
        return new ViewEvent(
                stream,
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
                at,
                sessionOpenedAt);
    }

    /**
     * The audience's records in the order they happen, each handed out when it is due: viewer v
     * joins at v / N of the first interval and beats every interval after, for {@code seconds}.
     */
    private static final class LiveAudience implements Iterator<ProducerRecord<String, String>> {

        private final String tenant;
        private final String stream = UUID.randomUUID().toString();
        private final int viewers;
        private final long startMillis;
        private final long endMillis;
        private long round;
        private int viewer;

        LiveAudience(String tenant, int viewers, Instant start, int seconds) {
            this.tenant = tenant;
            this.viewers = viewers;
            this.startMillis = start.toEpochMilli();
            this.endMillis = startMillis + seconds * 1000L;
        }

        private long dueMillis() {
            return startMillis
                    + round * HEARTBEAT_INTERVAL.toMillis()
                    + viewer * HEARTBEAT_INTERVAL.toMillis() / viewers;
        }

        @Override
        public boolean hasNext() {
            return dueMillis() < endMillis;
        }

        @Override
        public ProducerRecord<String, String> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            long due = dueMillis();
            long wait = due - System.currentTimeMillis();
            if (wait > 2) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            ViewEvent view =
                    miniProgramView(
                            stream,
                            tenant,
                            "watcher-" + viewer,
                            "watching-" + viewer,
                            round == 0 ? ViewKind.JOIN : ViewKind.HEARTBEAT,
                            Instant.ofEpochMilli(due),
                            Instant.ofEpochMilli(due - round * HEARTBEAT_INTERVAL.toMillis()));
            if (++viewer == viewers) {
                viewer = 0;
                round++;
            }
            return EventsOnKafka.recordOf(view);
        }
    }
}
