package io.livelink.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livelink.events.BroadcastPolicy;
import io.livelink.events.EventCodec;
import io.livelink.events.EventEnvelope;
import io.livelink.events.QualificationStatus;
import io.livelink.events.StreamType;
import io.livelink.events.TenantQualificationChanged;
import io.livelink.events.TenantSettingsChanged;
import io.livelink.events.Topics;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.testsupport.EmbeddedKafkaServer;
import io.livelink.testsupport.EmbeddedPostgresServer;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.InfrastructureEndpoints;
import io.livelink.testsupport.KafkaTopics;
import io.livelink.testsupport.LocalLinkKeys;
import io.livelink.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Issue 13's benchmark of the view path, in one run:
 *
 * <ol>
 *   <li>throughput and latency with wrk ({@code -t2 -c64 --latency}) of link-service's cheapest
 *       endpoint ({@code GET /}), resolve ({@code GET /s/{code}}) and heartbeat ({@code POST
 *       /sessions/{token}/heartbeat}), alternating, after a warm-up of each, link-service with the
 *       container image's JVM flags;
 *   <li>a broker outage: viewers resolve for 60 s while the broker is stopped from 15 s to 45 s;
 *       then every 200 must have its JOIN on {@code livelink.view-events} and be counted once by
 *       analytics-service, and no request may have answered 5xx.
 * </ol>
 *
 * The broker and PostgreSQL run in this JVM, each service in its own; everything shares the machine
 * with wrk. Usage: {@code bench/run-view-path.sh [runs=3] [seconds=15] [connections=64]}.
 */
public final class ViewPathBench {

    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DEPLOYMENT_JVM =
            AnalyticsThroughputBench.JvmFlags.DEPLOYMENT.options;

    /**
     * link-service's JVM: the image's flags plus {@code LIVELINK_BENCH_JVM_EXTRA} (space-separated,
     * e.g. a Flight Recorder to see where the time goes).
     */
    private static List<String> linkJvm() {
        List<String> options = new ArrayList<>(DEPLOYMENT_JVM);
        String extra = System.getenv().getOrDefault("LIVELINK_BENCH_JVM_EXTRA", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    private ViewPathBench() {}

    /**
     * With {@code LIVELINK_BENCH_SERVICE_CORES} (e.g. {@code 1}; run-view-path.sh then keeps this
     * JVM, the broker, PostgreSQL and wrk on the other cores), link-service runs on those cores
     * alone, as a pod has its CPUs to itself while the broker and the load come from elsewhere. It
     * started on this JVM's cores, so it sized its thread pools for as many as those.
     */
    private static void pinToItsOwnCores(ServiceProcess service) throws Exception {
        String cores = System.getenv().getOrDefault("LIVELINK_BENCH_SERVICE_CORES", "").strip();
        if (cores.isEmpty()) {
            return;
        }
        Process taskset =
                new ProcessBuilder("taskset", "-a", "-p", "-c", cores, Long.toString(service.pid()))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        if (taskset.waitFor() != 0) {
            throw new IllegalStateException("taskset could not pin link-service to " + cores);
        }
        System.out.printf("link-service pinned to core(s) %s%n", cores);
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Path checkout = Path.of(System.getProperty("livelink.checkout", "..")).toAbsolutePath();
        Path work = Files.createDirectories(checkout.resolve("bench/target/view-path"));
        Path logs = Files.createDirectories(checkout.resolve("bench/target/logs"));

        int kafkaPort = RunningServices.freePort();
        Path kafkaData = Files.createTempDirectory("view-path-kafka");
        EmbeddedKafkaServer kafka = EmbeddedKafkaServer.startPersistent(kafkaData, kafkaPort);
        KafkaTopics.ensure(kafka.bootstrapServers(), 3);
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startTemporary()) {
            InfrastructureEndpoints infrastructure =
                    new InfrastructureEndpoints(
                            kafka.bootstrapServers(),
                            postgres.jdbcUrl(),
                            EmbeddedPostgresServer.USER,
                            EmbeddedPostgresServer.PASSWORD,
                            "bench",
                            "bench");
            int linkPort = RunningServices.freePort();
            Map<String, String> environment =
                    new HashMap<>(
                            RunningServices.environmentFor(
                                    infrastructure,
                                    TestTokens.issuer().publicKeyPem(),
                                    LocalLinkKeys.random(),
                                    linkPort));
            // Quiet logs: the bench measures, it does not debug.
            environment.put("QUARKUS_LOG_LEVEL", "WARN");
            try (ServiceProcess link =
                    ServiceProcess.start(
                            LiveLinkService.LINK,
                            "link-view-path-bench",
                            LiveLinkService.LINK.runnableJar(checkout),
                            linkPort,
                            environment,
                            logs,
                            linkJvm())) {
                link.awaitReady(Duration.ofSeconds(180));
                pinToItsOwnCores(link);
                String base = link.baseUrl();
                String tenant = "bench-" + UUID.randomUUID();
                EventsOnKafka events = new EventsOnKafka(kafka.bootstrapServers());
                events.publish(
                        new TenantSettingsChanged(
                                tenant,
                                true,
                                BroadcastPolicy.ALL_MEMBERS,
                                "Asia/Shanghai",
                                Instant.now()));
                events.publish(
                        new TenantQualificationChanged(
                                tenant,
                                StreamType.H5,
                                QualificationStatus.VERIFIED,
                                null,
                                Instant.now()));
                String admin = TestTokens.tenantAdmin(tenant);
                String stream = createStream(base, admin);
                String resolvePath = linkPath(base, admin, stream);
                String token = resolve(base + resolvePath).get("viewSession").asText();
                Path heartbeatScript = work.resolve("heartbeat.lua");
                Files.writeString(heartbeatScript, "wrk.method = \"POST\"\n");

                Map<String, String> urls = new java.util.LinkedHashMap<>();
                urls.put("trivial", base + "/");
                urls.put("resolve", base + resolvePath);
                urls.put("heartbeat", base + "/sessions/" + token + "/heartbeat");
                // Long enough for C2 to finish with each path: with 10 s the first measured run was
                // always the lowest of every endpoint, and resolve's most of all.
                int warmUp =
                        Integer.parseInt(
                                System.getenv()
                                        .getOrDefault("LIVELINK_BENCH_WARMUP_SECONDS", "30"));
                System.out.printf("warming up (%d s each) …%n", warmUp);
                for (Map.Entry<String, String> url : urls.entrySet()) {
                    wrk(
                            url.getValue(),
                            connections,
                            warmUp,
                            scriptFor(url.getKey(), heartbeatScript));
                }
                Map<String, List<double[]>> results = new HashMap<>();
                for (int run = 1; run <= runs; run++) {
                    for (Map.Entry<String, String> url : urls.entrySet()) {
                        double[] measured =
                                wrk(
                                        url.getValue(),
                                        connections,
                                        seconds,
                                        scriptFor(url.getKey(), heartbeatScript));
                        results.computeIfAbsent(url.getKey(), k -> new ArrayList<>()).add(measured);
                        System.out.printf(
                                "run %d %-9s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  non-2xx %d%n",
                                run,
                                url.getKey(),
                                measured[0],
                                measured[1],
                                measured[2],
                                (long) measured[3]);
                    }
                }
                double trivial = median(results.get("trivial"), 0);
                for (String what : List.of("trivial", "resolve", "heartbeat")) {
                    double rps = median(results.get(what), 0);
                    System.out.printf(
                            "RESULT %s: median %.0f req/s (ratio %.3f of trivial), p50 %.2f ms, p99"
                                    + " %.2f ms (medians of %d runs)%n",
                            what,
                            rps,
                            rps / trivial,
                            median(results.get(what), 1),
                            median(results.get(what), 2),
                            runs);
                }

                if ("true".equals(System.getenv("LIVELINK_BENCH_SKIP_OUTAGE"))) {
                    return;
                }
                kafka =
                        outage(
                                checkout,
                                logs,
                                infrastructure,
                                environment,
                                link,
                                kafka,
                                kafkaData,
                                kafkaPort,
                                base,
                                resolvePath,
                                stream,
                                tenant);
            }
        } finally {
            kafka.close();
        }
    }

    /**
     * Viewers resolve for 60 s; the broker is away from 15 s to 45 s. Every 200 must have its JOIN
     * on the topic (once the outbox has drained) and be counted once by analytics-service.
     */
    private static EmbeddedKafkaServer outage(
            Path checkout,
            Path logs,
            InfrastructureEndpoints infrastructure,
            Map<String, String> environment,
            ServiceProcess link,
            EmbeddedKafkaServer kafka,
            Path kafkaData,
            int kafkaPort,
            String base,
            String resolvePath,
            String stream,
            String tenant)
            throws Exception {
        int analyticsPort = RunningServices.freePort();
        // The throughput runs left millions of views of another stream on the topic; this
        // analytics-service starts after them, so it counts only the outage run's.
        Map<String, String> analyticsEnvironment = new HashMap<>(environment);
        analyticsEnvironment.put("MP_MESSAGING_INCOMING_VIEW_EVENTS_AUTO_OFFSET_RESET", "latest");
        try (ServiceProcess analytics =
                ServiceProcess.start(
                        LiveLinkService.ANALYTICS,
                        "analytics-view-path-bench",
                        LiveLinkService.ANALYTICS.runnableJar(checkout),
                        analyticsPort,
                        analyticsEnvironment,
                        logs,
                        DEPLOYMENT_JVM)) {
            analytics.awaitReady(Duration.ofSeconds(180));
            Thread.sleep(5_000); // its consumers join the group and take their partitions
            Set<String> answered = ConcurrentHashMap.newKeySet();
            AtomicLong serverErrors = new AtomicLong();
            AtomicLong otherRefusals = new AtomicLong();
            AtomicLong clientErrors = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            int viewers = 32;
            ExecutorService pool = Executors.newFixedThreadPool(viewers);
            for (int i = 0; i < viewers; i++) {
                pool.execute(
                        () -> {
                            while (running.get()) {
                                try {
                                    HttpResponse<String> response =
                                            HTTP.send(
                                                    HttpRequest.newBuilder(
                                                                    URI.create(base + resolvePath))
                                                            .timeout(Duration.ofSeconds(30))
                                                            .header("Accept", "application/json")
                                                            .build(),
                                                    HttpResponse.BodyHandlers.ofString());
                                    if (response.statusCode() == 200) {
                                        answered.add(
                                                JSON.readTree(response.body())
                                                        .get("viewSessionId")
                                                        .asText());
                                    } else if (response.statusCode() >= 500) {
                                        serverErrors.incrementAndGet();
                                    } else {
                                        otherRefusals.incrementAndGet();
                                    }
                                } catch (Exception e) {
                                    clientErrors.incrementAndGet();
                                }
                            }
                        });
            }
            long start = System.nanoTime();
            Thread.sleep(15_000);
            long beforeOutage = answered.size();
            kafka.close();
            System.out.printf("broker stopped after %d views%n", beforeOutage);
            Thread.sleep(30_000);
            long duringOutage = answered.size() - beforeOutage;
            kafka = EmbeddedKafkaServer.startPersistent(kafkaData, kafkaPort);
            System.out.printf("broker back after %d views during the outage%n", duringOutage);
            Thread.sleep(15_000);
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
            System.out.printf(
                    "outage run: %d views answered 200 in %.0f s (%d while the broker was away),"
                            + " %d answered 5xx, %d other refusals, %d client errors%n",
                    answered.size(),
                    (System.nanoTime() - start) / 1e9,
                    duringOutage,
                    serverErrors.get(),
                    otherRefusals.get(),
                    clientErrors.get());

            Map<String, Integer> joins =
                    joinsOnTopic(kafka.bootstrapServers(), stream, answered, Duration.ofMinutes(3));
            long missing = answered.stream().filter(id -> !joins.containsKey(id)).count();
            long twice = joins.values().stream().filter(n -> n > 1).count();
            System.out.printf(
                    "RESULT outage: %d views answered 200, %d of them without a JOIN on %s, %d"
                            + " JOINs on the topic twice (same event, outbox fallback), %d answered"
                            + " 5xx%n",
                    answered.size(), missing, Topics.VIEW_EVENTS, twice, serverErrors.get());

            Counted counted =
                    countedByAnalytics(
                            infrastructure, stream, answered.size(), Duration.ofMinutes(3));
            boolean once =
                    counted.joins() == answered.size()
                            && counted.sessions() + counted.late() == answered.size();
            System.out.printf(
                    "RESULT analytics: %d joins counted for %d views answered 200; %d sessions"
                            + " recorded and %d views set aside as later than the grace after their"
                            + " window (through the outbox after the outage): %s%n",
                    counted.joins(),
                    answered.size(),
                    counted.sessions(),
                    counted.late(),
                    once ? "each view counted once" : "MISMATCH");
        }
        return kafka;
    }

    /** JOINs of the stream's sessions on the topic, by session id, each event id once per copy. */
    private static Map<String, Integer> joinsOnTopic(
            String bootstrap, String stream, Set<String> expected, Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "view-path-bench-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, Integer> joins = new HashMap<>();
        Set<String> found = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.VIEW_EVENTS));
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                boolean any = false;
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    any = true;
                    if (!stream.equals(record.key())) {
                        continue;
                    }
                    EventEnvelope envelope = EventCodec.decode(record.value());
                    ViewEvent view = EventCodec.data(envelope, ViewEvent.class);
                    if (view.kind() == ViewKind.JOIN) {
                        joins.merge(view.sessionId(), 1, Integer::sum);
                        found.add(view.sessionId());
                    }
                }
                if (any) {
                    quietSince = System.nanoTime();
                }
                if (found.containsAll(expected)
                        && System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(5)) {
                    break;
                }
            }
        }
        return joins;
    }

    /** What analytics-service counted of the stream's views. */
    private record Counted(long sessions, long joins, long late) {}

    private static Counted countedByAnalytics(
            InfrastructureEndpoints infrastructure, String stream, int expected, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Counted counted = new Counted(0, 0, 0);
        boolean settled = false;
        try (Connection db =
                DriverManager.getConnection(
                        infrastructure.jdbcUrl(),
                        infrastructure.dbUser(),
                        infrastructure.dbPassword())) {
            while (System.nanoTime() < deadline) {
                try (ResultSet row =
                        db.createStatement()
                                .executeQuery(
                                        ("select (select count(*) from analytics.view_session where"
                                                        + " stream_id = '%1$s'), (select"
                                                        + " coalesce(max(joins), 0) from"
                                                        + " analytics.stream_view_totals where"
                                                        + " stream_id = '%1$s'), (select count(*)"
                                                        + " from analytics.late_view_event where"
                                                        + " stream_id = '%1$s')")
                                                .formatted(stream))) {
                    row.next();
                    counted = new Counted(row.getLong(1), row.getLong(2), row.getLong(3));
                }
                if (counted.sessions() + counted.late() >= expected
                        && counted.joins() >= expected) {
                    if (settled) {
                        break;
                    }
                    settled = true;
                    Thread.sleep(3_000); // anything counted twice would show by then
                    continue;
                }
                Thread.sleep(500);
            }
        }
        return counted;
    }

    private static String scriptFor(String what, Path heartbeatScript) {
        return what.equals("heartbeat") ? heartbeatScript.toString() : null;
    }

    /** [requests/s, p50 ms, p99 ms, non-2xx/3xx responses] of one wrk run. */
    private static double[] wrk(String url, int connections, int seconds, String script)
            throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "wrk",
                                "-t2",
                                "-c" + connections,
                                "-d" + seconds + "s",
                                "--latency",
                                "--timeout",
                                "10s"));
        if (script != null) {
            command.add("-s");
            command.add(script);
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes());
        wrk.waitFor();
        double rps = 0;
        double p50 = 0;
        double p99 = 0;
        double non2xx = 0;
        for (String line : output.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Requests/sec:")) {
                rps = Double.parseDouble(trimmed.split("\\s+")[1]);
            } else if (trimmed.startsWith("50%")) {
                p50 = millis(trimmed.split("\\s+")[1]);
            } else if (trimmed.startsWith("99%")) {
                p99 = millis(trimmed.split("\\s+")[1]);
            } else if (trimmed.startsWith("Non-2xx or 3xx responses:")) {
                non2xx = Double.parseDouble(trimmed.substring(trimmed.indexOf(':') + 1).strip());
            }
        }
        if (rps == 0) {
            throw new IllegalStateException("wrk said: " + output);
        }
        return new double[] {rps, p50, p99, non2xx};
    }

    private static double millis(String latency) {
        if (latency.endsWith("us")) {
            return Double.parseDouble(latency.substring(0, latency.length() - 2)) / 1000;
        }
        if (latency.endsWith("ms")) {
            return Double.parseDouble(latency.substring(0, latency.length() - 2));
        }
        if (latency.endsWith("s")) {
            return Double.parseDouble(latency.substring(0, latency.length() - 1)) * 1000;
        }
        return Double.parseDouble(latency);
    }

    private static double median(List<double[]> runs, int index) {
        double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return values[values.length / 2];
    }

    private static String createStream(String base, String admin) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpResponse<String> created =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(base + "/streams"))
                                    .header("Authorization", "Bearer " + admin)
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"type\":\"H5\",\"title\":\"view path benchmark\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() == 201) {
                return JSON.readTree(created.body()).get("id").asText();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no stream: " + created.body());
            }
            Thread.sleep(200); // the tenant's settings are still on their way
        }
    }

    private static String linkPath(String base, String admin, String stream) throws Exception {
        HttpResponse<String> issued =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/streams/" + stream + "/links"))
                                .header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"channel\":\"bench\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String url = JSON.readTree(issued.body()).get("url").asText();
        return url.replaceFirst("^https?://[^/]+", "");
    }

    private static JsonNode resolve(String url) throws Exception {
        HttpResponse<String> answer =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(
                    "resolve answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }
}
