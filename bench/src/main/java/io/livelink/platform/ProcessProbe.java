package io.livelink.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a service process uses, read from Linux's /proc: its resident memory and the CPU time it has
 * spent. CPU time per event holds still on a noisy machine, where events per second do not.
 */
final class ProcessProbe {

    /** Linux's USER_HZ, the unit of /proc/[pid]/stat's times, on every architecture it runs on. */
    private static final int TICKS_PER_SECOND = 100;

    private final long pid;
    private long peakRssKib;

    ProcessProbe(long pid) {
        this.pid = pid;
    }

    /** Reads the resident set now and keeps the largest seen; returns it in KiB. */
    long sampleRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    peakRssKib = Math.max(peakRssKib, kib);
                    return kib;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process is gone or the line unreadable: the peak stays as it was.
        }
        return 0;
    }

    long peakRssKib() {
        return peakRssKib;
    }

    /** User and system CPU time spent so far, in seconds. */
    double cpuSeconds() {
        try {
            return ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
                    / (double) TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU time spent so far by every live process of this command name (e.g. {@code postgres}: the
     * server and its backends), in seconds. A backend that has exited no longer counts, so compare
     * two readings while the same connections are open.
     */
    static double cpuSecondsOfCommand(String command) {
        return cpuSecondsByName(Path.of("/proc")).getOrDefault(command, 0.0);
    }

    /**
     * CPU seconds spent so far by the process's threads, summed by kind (the thread's name without
     * its digits: "C2 CompilerThre", "GC Thread#", "executor-thread-"), so two readings say where a
     * stretch of the run went: the JIT, the collector, the consumers.
     */
    Map<String, Double> cpuSecondsByThreadKind() {
        Map<String, Double> byKind = new TreeMap<>();
        cpuSecondsByName(Path.of("/proc", Long.toString(pid), "task"))
                .forEach(
                        (name, seconds) ->
                                byKind.merge(name.replaceAll("[0-9]+", "#"), seconds, Double::sum));
        return byKind;
    }

    /**
     * The CPU seconds of the processes (in {@code /proc}) or threads (in {@code /proc/<pid>/task})
     * listed in a directory, summed by command name; empty when it cannot be listed.
     */
    private static Map<String, Double> cpuSecondsByName(Path directory) {
        Map<String, Double> byName = new TreeMap<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!entry.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    byName.merge(name, ticksOf(stat) / (double) TICKS_PER_SECOND, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // It ended between the listing and the read.
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return byName;
    }

    private static long ticksOf(String stat) {
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
