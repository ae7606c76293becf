package io.livelink.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboards and alert rules under {@code deploy/}, read for the metric names they use, so each
 * service's tests can hold them to what the service exports: a dashboard panel or an alert on a
 * metric nobody exports would stay empty, or silent, in production.
 *
 * <p>Each service has its dashboard ({@code deploy/base/monitoring/dashboards/<service>.json}) and
 * its rule group ({@code livelink.<service>}); the group {@code livelink.services} applies to all.
 */
public final class MonitoringAsCode {

    /** The checkout's deploy/ folder, seen from a module's directory (where tests run). */
    private static final Path DEPLOY =
            Path.of(System.getProperty("livelink.checkout", "..")).resolve("deploy");

    public static final Path DASHBOARDS = DEPLOY.resolve("base/monitoring/dashboards");
    public static final Path RULES = DEPLOY.resolve("compose/prometheus/livelink-rules.yml");
    private static final String COMMON_GROUP = "livelink.services";

    /**
     * Metric names as the services' own meters and the JVM, HTTP, pool and Kafka binders export.
     */
    private static final Pattern METRIC =
            Pattern.compile("\\b(?:livelink|http_server|jvm|process|kafka|agroal)_[a-z0-9_]+");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private MonitoringAsCode() {}

    /** Every PromQL expression of the service's dashboard and of the rules that apply to it. */
    public static List<String> expressionsFor(String service) {
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = read(JSON, DASHBOARDS.resolve(service + ".json"));
        dashboard
                .path("panels")
                .forEach(
                        panel ->
                                panel.path("targets")
                                        .forEach(t -> expressions.add(t.path("expr").asText())));
        read(YAML, RULES)
                .path("groups")
                .forEach(
                        group -> {
                            String name = group.path("name").asText();
                            if (name.equals(COMMON_GROUP) || name.equals("livelink." + service)) {
                                group.path("rules")
                                        .forEach(
                                                rule ->
                                                        expressions.add(
                                                                rule.path("expr").asText()));
                            }
                        });
        if (expressions.isEmpty()) {
            throw new AssertionError("no dashboard or alert rule for " + service);
        }
        return expressions;
    }

    /** The metric names those expressions use. */
    public static Set<String> metricsFor(String service) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressionsFor(service)) {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    /**
     * Fails unless every metric the service's dashboard and rules use is in what {@code scrape}
     * returns ({@code /q/metrics}) within 30 s: meters of scheduled jobs appear with their first
     * run.
     */
    public static void assertExportedBy(String service, Supplier<String> scrape) {
        Set<String> expected = metricsFor(service);
        Set<String> missing = expected;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> exported = exported(scrape.get());
            missing = new TreeSet<>(expected);
            missing.removeAll(exported);
            if (missing.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(
                service
                        + " does not export "
                        + missing
                        + ", which its dashboard or alert rules in deploy/ use");
    }

    /**
     * The value of the sample with this name and these labels (among others) in a Prometheus text
     * exposition; 0 when there is none.
     */
    public static double sample(String exposition, String name, Map<String, String> labels) {
        for (String line : exposition.split("\n")) {
            // "name{labels} value [timestamp] [# {trace_id=…} exemplar-value exemplar-time]"
            int exemplar = line.indexOf(" # ");
            String sample = exemplar < 0 ? line : line.substring(0, exemplar);
            if (!sample.startsWith(name + "{")) {
                continue;
            }
            int labelsEnd = sample.lastIndexOf('}') + 1;
            String labelText = sample.substring(name.length(), labelsEnd);
            boolean matches =
                    labels.entrySet().stream()
                            .allMatch(
                                    l ->
                                            labelText.contains(
                                                    l.getKey() + "=\"" + l.getValue() + "\""));
            if (matches) {
                return Double.parseDouble(sample.substring(labelsEnd).trim().split(" ")[0]);
            }
        }
        return 0;
    }

    /** The sample names in a Prometheus text exposition ({@code /q/metrics}). */
    public static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = line.indexOf('{');
            if (end < 0) {
                end = line.indexOf(' ');
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }
}
