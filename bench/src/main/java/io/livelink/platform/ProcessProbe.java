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
     * CPU time spent so far by the processes of this command name (e.g. {@code postgres}: the
     * server, its backends and workers), in seconds, summed by kind: the title each gives itself
     * without its digits ("autovacuum worker", "walwriter", "io worker #"), every client backend as
     * "client backend", and "exited" for the children a parent has reaped (an autovacuum worker
     * that came and went between two readings: counted by the parent, not lost).
     */
    static Map<String, Double> cpuSecondsOfCommandByKind(String command) {
        Map<String, Double> byKind = new TreeMap<>();
        forEachStat(
                Path.of("/proc"),
                (entry, name, stat) -> {
                    if (name.equals(command)) {
                        byKind.merge(
                                kindOf(command, Files.readString(entry.resolve("cmdline"))),
                                ticksOf(stat) / (double) TICKS_PER_SECOND,
                                Double::sum);
                        byKind.merge(
                                "exited",
                                reapedTicksOf(stat) / (double) TICKS_PER_SECOND,
                                Double::sum);
                    }
                });
        return byKind;
    }

    /** The sum of {@link #cpuSecondsOfCommandByKind}'s kinds. */
    static double total(Map<String, Double> byKind) {
        return byKind.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static String kindOf(String command, String cmdline) {
        String title = cmdline.replace('\0', ' ').strip();
        if (!title.startsWith(command + ": ")) {
            return "server";
        }
        title = title.substring(command.length() + 2);
        // A client backend's title names its user, database and peer: "user db 127.0.0.1(5432) …".
        return title.contains("(") ? "client backend" : title.replaceAll("[0-9]+", "#").strip();
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
        forEachStat(
                directory,
                (entry, name, stat) ->
                        byName.merge(name, ticksOf(stat) / (double) TICKS_PER_SECOND, Double::sum));
        return byName;
    }

    /** Reads one process's or thread's {@code stat} line. */
    @FunctionalInterface
    private interface StatReader {
        void read(Path entry, String name, String stat) throws IOException;
    }

    /**
     * Hands each process (or thread) listed in the directory to the reader with its command name
     * and stat line; nothing when the directory cannot be listed.
     */
    private static void forEachStat(Path directory, StatReader reader) {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!entry.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    reader.read(entry, name, stat);
                } catch (IOException | RuntimeException e) {
                    // It ended between the listing and the read.
                }
            }
        } catch (IOException e) {
            // Not listable: nothing to count.
        }
    }

    private static long ticksOf(String stat) {
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** cutime + cstime: what the process's children that it has waited for spent. */
    private static long reapedTicksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }
}
