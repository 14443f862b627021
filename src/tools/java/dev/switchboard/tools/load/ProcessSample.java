package dev.switchboard.tools.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and memory of one process at one moment, from {@code /proc/PID/stat} (utime + stime) and
 * {@code /proc/PID/status} (VmRSS, VmHWM).
 *
 * @param cpuNanos user + system CPU time the process has used
 * @param rssKib   resident set size now
 * @param hwmKib   peak resident set size
 */
public record ProcessSample(long cpuNanos, long rssKib, long hwmKib) {

    /**
     * Clock ticks per second of the stat times. Linux exports USER_HZ = 100 to user space on every
     * mainstream architecture whatever the kernel's internal HZ, and Java cannot call sysconf.
     */
    static final long USER_HZ = 100;

    public static ProcessSample of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")),
                    Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + " (is the gateway running?): " + e.getMessage(), e);
        }
    }

    /** Several processes as one: CPU times and sizes added up (a cluster's nodes and its Redis). */
    public static ProcessSample sum(List<Long> pids) {
        long cpu = 0;
        long rss = 0;
        long hwm = 0;
        for (long pid : pids) {
            ProcessSample one = of(pid);
            cpu += one.cpuNanos;
            rss += one.rssKib;
            hwm += one.hwmKib;
        }
        return new ProcessSample(cpu, rss, hwm);
    }

    public static ProcessSample self() {
        return of(ProcessHandle.current().pid());
    }

    static ProcessSample parse(String stat, String status) {
        // The command name (field 2) is in parentheses and may hold spaces and ')': fields after it
        // start after the last ')'. There, field 3 (state) is index 0, so utime (14) and stime (15)
        // are indexes 11 and 12.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return new ProcessSample(ticks * (1_000_000_000L / USER_HZ), statusKib(status, "VmRSS:"), statusKib(status, "VmHWM:"));
    }

    private static long statusKib(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return -1;
    }
}
