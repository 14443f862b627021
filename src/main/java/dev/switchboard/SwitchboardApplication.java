package dev.switchboard;

import dev.switchboard.bench.LoadDriver;
import dev.switchboard.example.client.EdSignal;
import dev.switchboard.example.client.ExampleClient;
import dev.switchboard.sea.client.SeaSend;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The gateway process: Spring wires the control plane around the Netty data plane in {@code core}.
 * The same jar carries the command-line tools: {@code java -jar switchboard.jar <tool> [options]}
 * runs a tool instead of the gateway.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SwitchboardApplication {

    /** A command-line tool's entry point: arguments in, exit status out. */
    @FunctionalInterface
    interface Tool {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    static final Map<String, Tool> TOOLS = tools();

    private static Map<String, Tool> tools() {
        Map<String, Tool> tools = new TreeMap<>();
        tools.put("example-client", ExampleClient::run);
        tools.put("ed-signal", EdSignal::run);
        tools.put("seasend", SeaSend::run);
        // The driver's own main keeps its hard-deadline watchdog and exits the JVM itself.
        tools.put("load", (args, out, err) -> {
            LoadDriver.main(args);
            return 0;
        });
        return Map.copyOf(tools);
    }

    public static void main(String[] args) {
        if (args.length > 0 && TOOLS.containsKey(args[0])) {
            String[] toolArgs = Arrays.copyOfRange(args, 1, args.length);
            System.exit(TOOLS.get(args[0]).run(toolArgs, System.out, System.err));
        }
        SpringApplication.run(SwitchboardApplication.class, args);
    }
}
