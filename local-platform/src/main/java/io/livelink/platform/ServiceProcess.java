package io.livelink.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service running as its own JVM process, logging to a file. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final LiveLinkService service;
    private final int port;
    private final Path logFile;
    // Restarts of an instance append to its log, so this run's lines start here.
    private final long logStart;
    private final Process process;

    private ServiceProcess(
            LiveLinkService service, int port, Path logFile, long logStart, Process process) {
        this.service = service;
        this.port = port;
        this.logFile = logFile;
        this.logStart = logStart;
        this.process = process;
    }

    /** The instance's operating-system process id (a benchmark pins it to its own cores). */
    long pid() {
        return process.pid();
    }

    /** Small, steady footprint: three services share a laptop or a 2-core CI machine. */
    static final List<String> LOCAL_JVM =
            List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx256m", "-XX:TieredStopAtLevel=1");

    /** Starts one instance; {@code instance} names its log file (several may run). */
    static ServiceProcess start(
            LiveLinkService service,
            String instance,
            Path jar,
            int port,
            Map<String, String> environment,
            Path logDirectory) {
        return start(service, instance, jar, port, environment, logDirectory, LOCAL_JVM);
    }

    /** Starts one instance with these JVM options (a benchmark compares flag sets). */
    static ServiceProcess start(
            LiveLinkService service,
            String instance,
            Path jar,
            int port,
            Map<String, String> environment,
            Path logDirectory,
            List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new PlatformException(
                    service.module()
                            + " is not built: "
                            + jar
                            + " is missing (run ./mvnw -DskipTests install)");
        }
        try {
            Files.createDirectories(logDirectory);
            Path logFile = logDirectory.resolve(instance + ".log");
            long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            return new ServiceProcess(service, port, logFile, logStart, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + service.module(), e);
        }
    }

    LiveLinkService service() {
        return service;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path logFile() {
        return logFile;
    }

    /** The lines this run has logged so far (restarts of an instance append to one file). */
    List<String> logOfThisRun() {
        try (var log = Files.newInputStream(logFile)) {
            log.skipNBytes(logStart);
            return new String(log.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + logFile, e);
        }
    }

    /** Waits until /q/health/ready answers 200; fails early when the process dies. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready =
                HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new PlatformException(
                        service.module()
                                + " exited with code "
                                + process.exitValue()
                                + "; see "
                                + logFile
                                + "\n"
                                + tail());
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted while waiting for " + service.module());
            }
            sleep(250);
        }
        throw new PlatformException(
                service.module()
                        + " not ready after "
                        + timeout.toSeconds()
                        + " s; see "
                        + logFile
                        + "\n"
                        + tail());
    }

    /**
     * Kills the process without any chance to shut down: {@link Process#destroyForcibly()}, which
     * on Linux sends SIGKILL (kill -9). Waits until it is gone.
     */
    void killHard() {
        try {
            if (!process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
                throw new PlatformException(service.module() + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while killing " + service.module());
        }
    }

    /** Asks the service to stop (SIGTERM, a graceful Quarkus shutdown), then insists. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
