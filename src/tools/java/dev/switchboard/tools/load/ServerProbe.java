package dev.switchboard.tools.load;

import java.util.List;
import java.util.Map;

/**
 * The gateway's footprint as the driver sees it from outside: RSS (and, with {@code --heap}, heap used
 * after a full GC) before connecting and once every connection is ready, and CPU time over the
 * sending window. Without {@code --pid} only the driver's own CPU time is reported.
 */
final class ServerProbe {

    private final LoadOptions options;
    private ProcessSample before;
    private long heapBeforeKib = -1;

    ServerProbe(LoadOptions options) {
        this.options = options;
    }

    void before() {
        if (options.serverPid() == 0) {
            return;
        }
        if (options.heap()) {
            heapBeforeKib = new HeapProbe(options.serverPid()).usedAfterGcKib();
        }
        before = ProcessSample.sum(options.serverPids());
    }

    /** Memory once {@code ready} connections are open, in total and per connection. */
    void loaded(int ready, LoadReport report) {
        if (before == null) {
            return;
        }
        if (options.heap()) {
            long heapAfterKib = new HeapProbe(options.serverPid()).usedAfterGcKib();
            report.put("server_heap_before_kib", heapBeforeKib)
                    .put("server_heap_loaded_kib", heapAfterKib)
                    .put("server_heap_per_connection_bytes", ready == 0 ? Double.NaN : (heapAfterKib - heapBeforeKib) * 1024.0 / ready);
        }
        ProcessSample after = ProcessSample.sum(options.serverPids());
        report.put("server_rss_before_kib", before.rssKib())
                .put("server_rss_loaded_kib", after.rssKib())
                .put("server_rss_per_connection_bytes", ready == 0 ? Double.NaN : (after.rssKib() - before.rssKib()) * 1024.0 / ready);
    }

    /**
     * CPU time of the gateway (if known) and of the driver between {@link #start} and {@link #finish}. The
     * driver's figures say whether it, rather than the gateway, limited the run: its process CPU time (from
     * the JVM's {@code OperatingSystemMXBean}), that time as a share of all cores over the window, and the
     * busiest client event loop's share of one core (from {@code ThreadMXBean}); a loop near 1.0 means the
     * driver could not read any faster.
     */
    static final class CpuWindow {
        /** Client event-loop threads are named after this prefix by {@link ClientGroup}. */
        static final String LOOP_THREAD_PREFIX = ClientGroup.THREAD_PREFIX;

        private final List<Long> pids;
        private final ProcessSample server;
        private final long driverCpuNanos;
        private final long startNanos;
        private final Map<Long, Long> loopCpuNanos;

        private CpuWindow(List<Long> pids, ProcessSample server) {
            this.pids = pids;
            this.server = server;
            this.driverCpuNanos = DriverCpu.processCpuNanos();
            this.startNanos = System.nanoTime();
            this.loopCpuNanos = DriverCpu.loopThreadCpuNanos(LOOP_THREAD_PREFIX);
        }

        static CpuWindow start(List<Long> pids) {
            return new CpuWindow(pids, pids.isEmpty() ? null : ProcessSample.sum(pids));
        }

        void finish(long delivered, LoadReport report) {
            long wallNanos = System.nanoTime() - startNanos;
            long driverCpu = DriverCpu.processCpuNanos() - driverCpuNanos;
            int cores = Runtime.getRuntime().availableProcessors();
            Map<Long, Long> loopsNow = DriverCpu.loopThreadCpuNanos(LOOP_THREAD_PREFIX);
            long loopsCpu = 0;
            long busiest = 0;
            for (Map.Entry<Long, Long> e : loopsNow.entrySet()) {
                long used = e.getValue() - loopCpuNanos.getOrDefault(e.getKey(), 0L);
                loopsCpu += used;
                busiest = Math.max(busiest, used);
            }
            report.put("driver_cpu_s", driverCpu / 1e9)
                    .put("driver_cpu_us_per_delivery", delivered == 0 ? Double.NaN : driverCpu / 1e3 / delivered)
                    .put("driver_cpu_share_of_cores", wallNanos == 0 ? Double.NaN : (double) driverCpu / wallNanos / cores)
                    .put("driver_loop_threads", loopsNow.size())
                    .put("driver_loop_cpu_s", loopsCpu / 1e9)
                    .put("driver_busiest_loop_share_of_core", wallNanos == 0 ? Double.NaN : (double) busiest / wallNanos);
            if (server == null) {
                return;
            }
            ProcessSample serverNow = ProcessSample.sum(pids);
            long cpu = serverNow.cpuNanos() - server.cpuNanos();
            report.put("server_cpu_s", cpu / 1e9)
                    .put("server_cpu_us_per_delivery", delivered == 0 ? Double.NaN : cpu / 1e3 / delivered)
                    .put("server_rss_kib", serverNow.rssKib())
                    .put("server_rss_peak_kib", serverNow.hwmKib());
        }
    }
}
