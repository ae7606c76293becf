package io.livelink.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / (double) TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
