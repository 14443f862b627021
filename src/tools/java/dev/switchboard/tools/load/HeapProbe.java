package dev.switchboard.tools.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap in use by another JVM after a full collection, through the JDK's {@code jcmd}: {@code GC.run}
 * then {@code GC.heap_info}, whose first {@code used NNNK} figure is the whole heap's.
 */
final class HeapProbe {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final long pid;
    private final Path jcmd;

    HeapProbe(long pid) {
        this.pid = pid;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }

    /** Heap used after a full GC, in KiB. */
    long usedAfterGcKib() {
        jcmd("GC.run");
        return parseUsedKib(jcmd("GC.heap_info"));
    }

    static long parseUsedKib(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        if (!m.find()) {
            throw new IllegalStateException("no 'used NNNK' in jcmd GC.heap_info output: " + heapInfo);
        }
        return Long.parseLong(m.group(1));
    }

    private String jcmd(String command) {
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            // Read before waiting so a full pipe can never stall jcmd; it closes its output as it exits.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + command + " did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }
}
