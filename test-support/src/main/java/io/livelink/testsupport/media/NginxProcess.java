package io.livelink.testsupport.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx run from a directory of its own (configuration, pid, logs, temporary files), as
 * the tests and the local demo run it. The configuration's {@code main} and {@code http} parts are
 * the caller's; what every such nginx needs around them is written here.
 */
public final class NginxProcess implements AutoCloseable {

    public static final Path RTMP_MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");
    private static final List<Path> BINARIES =
            List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));

    private final Process process;
    private final Path prefix;

    private NginxProcess(Process process, Path prefix) {
        this.process = process;
        this.prefix = prefix;
    }

    /** The nginx binary, if installed (and, when {@code withRtmp}, its RTMP module). */
    public static Optional<Path> installed(boolean withRtmp) {
        if (withRtmp && !Files.exists(RTMP_MODULE)) {
            return Optional.empty();
        }
        return BINARIES.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts nginx in {@code prefix} with {@code mainContext} (e.g. an {@code rtmp} block) and the
     * {@code http} block's servers, and waits until every port in {@code ports} accepts.
     *
     * @throws IllegalStateException when nginx (or its RTMP module) is missing or does not start
     */
    public static NginxProcess start(
            Path prefix, String mainContext, String httpServers, List<Integer> ports) {
        boolean rtmp = mainContext.contains("rtmp {");
        Path binary =
                installed(rtmp)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "nginx"
                                                        + (rtmp ? " with the RTMP module" : "")
                                                        + " is not installed (Debian: apt-get"
                                                        + " install nginx-light"
                                                        + (rtmp ? " libnginx-mod-rtmp" : "")
                                                        + "); .ci/run installs it"));
        try {
            Files.createDirectories(prefix.resolve("logs"));
            Path conf = prefix.resolve("nginx.conf");
            Files.writeString(conf, configuration(prefix, rtmp, mainContext, httpServers));
            Process process =
                    new ProcessBuilder(
                                    binary.toString(),
                                    "-p",
                                    prefix.toString(),
                                    "-c",
                                    conf.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(prefix.resolve("logs/nginx.log").toFile())
                            .start();
            NginxProcess nginx = new NginxProcess(process, prefix);
            nginx.awaitListening(ports, Duration.ofSeconds(10));
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String configuration(
            Path prefix, boolean rtmp, String mainContext, String httpServers) {
        return """
                %1$s
                # Workers run as whoever started nginx, so they can use its directory.
                user %2$s;
                daemon off;
                worker_processes 1;
                pid %3$s/nginx.pid;
                error_log %3$s/logs/error.log info;
                events { worker_connections 512; }
                %4$s
                http {
                    access_log %3$s/logs/access.log;
                    client_body_temp_path %3$s/client_body;
                    proxy_temp_path %3$s/proxy;
                    fastcgi_temp_path %3$s/fastcgi;
                    uwsgi_temp_path %3$s/uwsgi;
                    scgi_temp_path %3$s/scgi;
                %5$s
                }
                """
                .formatted(
                        rtmp ? "load_module " + RTMP_MODULE + ";" : "",
                        System.getProperty("user.name"),
                        prefix,
                        mainContext,
                        httpServers);
    }

    public Path prefix() {
        return prefix;
    }

    public Path logs() {
        return prefix.resolve("logs");
    }

    private void awaitListening(List<Integer> ports, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (ports.stream().allMatch(NginxProcess::listening)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException(
                "nginx did not start on ports "
                        + ports
                        + "; see "
                        + logs()
                        + ": "
                        + Files.readString(logs().resolve("nginx.log")));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
