package dev.switchboard.tools.load;

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
        before = ProcessSample.of(options.serverPid());
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
        ProcessSample after = ProcessSample.of(options.serverPid());
        report.put("server_rss_before_kib", before.rssKib())
                .put("server_rss_loaded_kib", after.rssKib())
                .put("server_rss_per_connection_bytes", ready == 0 ? Double.NaN : (after.rssKib() - before.rssKib()) * 1024.0 / ready);
    }

    /** CPU time of the gateway (if known) and of the driver between {@link #start} and {@link #finish}. */
    static final class CpuWindow {
        private final long pid;
        private final ProcessSample server;
        private final ProcessSample driver;

        private CpuWindow(long pid, ProcessSample server, ProcessSample driver) {
            this.pid = pid;
            this.server = server;
            this.driver = driver;
        }

        static CpuWindow start(long pid) {
            return new CpuWindow(pid, pid == 0 ? null : ProcessSample.of(pid), ProcessSample.self());
        }

        void finish(long delivered, LoadReport report) {
            ProcessSample driverNow = ProcessSample.self();
            report.put("driver_cpu_s", (driverNow.cpuNanos() - driver.cpuNanos()) / 1e9);
            if (server == null) {
                return;
            }
            ProcessSample serverNow = ProcessSample.of(pid);
            long cpu = serverNow.cpuNanos() - server.cpuNanos();
            report.put("server_cpu_s", cpu / 1e9)
                    .put("server_cpu_us_per_delivery", delivered == 0 ? Double.NaN : cpu / 1e3 / delivered)
                    .put("server_rss_kib", serverNow.rssKib())
                    .put("server_rss_peak_kib", serverNow.hwmKib());
        }
    }
}
