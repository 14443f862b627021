package dev.switchboard;

import java.io.PrintStream;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The gateway process: Spring wires the control plane around the Netty data plane in {@code core}.
 * Any first argument that is not a {@code --property} prints the usage instead of starting the gateway,
 * so a misspelt word never binds the standard ports.
 */
// Redis is reached only through the cluster engine (dev.switchboard.cluster), which builds its own client when
// switchboard.cluster.engine=redis; Boot's Redis beans would connect, and fail health, with the local engine too.
@SpringBootApplication(excludeName = {
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration"})
@ConfigurationPropertiesScan
@EnableScheduling
public class SwitchboardApplication {

    /** Exit status when the command line asked for usage or was not understood. */
    static final int USAGE_STATUS = 2;

    /** The command-line tools that this jar once carried; they are in {@code switchboard-tools.jar} now. */
    static final Set<String> MOVED_TOOLS = Set.of("example-client", "ed-signal", "seasend", "load");

    static final String USAGE = """
            Usage: java -jar switchboard.jar [--<spring.property>=<value> ...]
              Starts the Switchboard gateway (SEA, HTTP/WebSocket rooms, example protocol, management).
              Settings are Spring properties, e.g. --switchboard.sea.listener.port=9000 or
              --spring.config.additional-location=file:config/application.yml.
            The command-line tools (example-client, ed-signal, seasend, load) are in the tools jar:
              java -jar switchboard-tools.jar <tool> --help""";

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, gatewayArgs -> SpringApplication.run(SwitchboardApplication.class,
                gatewayArgs));
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Starts {@code gateway} with {@code args} when they allow it; returns 0, or the usage exit status. */
    static int run(String[] args, PrintStream out, PrintStream err, Consumer<String[]> gateway) {
        int status = launch(args, out, err);
        if (status == 0) {
            gateway.accept(args);
        }
        return status;
    }

    /**
     * Decides from the command line whether the gateway may start: 0 means start it; otherwise the
     * usage (to {@code out} when asked for, else to {@code err}) or a pointer to a moved tool has been
     * printed and the result is the exit status.
     */
    static int launch(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].startsWith("--") && !args[0].equals("--help")) {
            return 0;
        }
        String first = args[0];
        if (MOVED_TOOLS.contains(first)) {
            err.println(first + " moved: java -jar switchboard-tools.jar " + first + " …");
            return USAGE_STATUS;
        }
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            out.println(USAGE);
            return USAGE_STATUS;
        }
        err.println("unknown argument '" + first + "'");
        err.println(USAGE);
        return USAGE_STATUS;
    }
}
