package dev.switchboard.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessSampleTest {

    @Test
    void parse_whenCommandHasSpacesAndParens_thenTimesFromFields14And15() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 1000 0 0";
        String status = "Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t30\n";
        ProcessSample sample = ProcessSample.parse(stat, status);
        assertThat(sample.cpuNanos()).isEqualTo(3_000_000_000L); // (250 + 50) ticks at 100 Hz
        assertThat(sample.rssKib()).isEqualTo(102400);
        assertThat(sample.hwmKib()).isEqualTo(204800);
    }

    @Test
    void self_whenRead_thenPositiveFigures() {
        ProcessSample self = ProcessSample.self();
        assertThat(self.rssKib()).isPositive();
        assertThat(self.cpuNanos()).isPositive();
    }

    @Test
    void heapInfo_whenG1Output_thenWholeHeapUsed() {
        String out = "4242:\n garbage-first heap   total 262144K, used 23456K [0x00000000f0000000, 0x0000000100000000)\n"
                + "  region size 1024K, 3 young (3072K), 0 survivors (0K)\n Metaspace       used 60000K, committed 61000K\n";
        assertThat(HeapProbe.parseUsedKib(out)).isEqualTo(23456);
    }
}
