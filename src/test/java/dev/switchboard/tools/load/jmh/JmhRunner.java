package dev.switchboard.tools.load.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the codec microbenchmarks with the GC profiler (allocations per op) and writes a CSV next to
 * the console output. Arguments: an optional include regex (default: every benchmark in this
 * package) and an optional result file (default {@code target/jmh-results.csv}).
 *
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.switchboard.tools.load.jmh.JmhRunner</pre>
 */
public final class JmhRunner {

    private JmhRunner() {
    }

    public static void main(String[] args) throws RunnerException {
        String include = args.length > 0 ? args[0] : JmhRunner.class.getPackageName().replace(".", "\\.") + "\\..*";
        String result = args.length > 1 ? args[1] : "target/jmh-results.csv";
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.NANOSECONDS)
                .addProfiler(GCProfiler.class)
                // Leak detection off: PARANOID tracking would dominate ns/op and allocation figures.
                .jvmArgsAppend("-Dio.netty.leakDetection.level=disabled", "-Xmx1g")
                .resultFormat(ResultFormatType.CSV)
                .result(result);
        new org.openjdk.jmh.runner.Runner(options.build()).run();
    }
}
