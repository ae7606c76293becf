package io.livelink.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The checkout ./livelink runs from, and its ignored {@code .livelink/} folder of local state. */
record PlatformHome(Path checkout) {

    static PlatformHome current() {
        return new PlatformHome(
                Path.of(System.getProperty("livelink.home", ".")).toAbsolutePath().normalize());
    }

    Path state() {
        return checkout.resolve(".livelink");
    }

    Path keys() {
        return state().resolve("keys");
    }

    Path logs() {
        return state().resolve("logs");
    }

    Path kafkaData() {
        return state().resolve("kafka");
    }

    Path postgresData() {
        return state().resolve("postgres");
    }

    Path pidFile() {
        return state().resolve("livelink.pid");
    }

    /** The launcher's process, when one is running for this checkout. */
    Optional<ProcessHandle> runningLauncher() {
        try {
            if (!Files.exists(pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile()).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void writePid() {
        try {
            Files.createDirectories(state());
            Files.writeString(pidFile(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void removePid() {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException ignored) {
            // best effort on the way out
        }
    }
}
