package dev.switchboard.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The application's documented defaults, read from {@code config/application.yml}: the ports and
 * drain timeout that the image and the chart must agree with.
 */
record AppDefaults(Map<String, Integer> tcpPorts, Map<String, Integer> udpPorts, int managementPort,
        Duration drainTimeout) {

    /** Listener name (as the chart and the core name it) to its property prefix. */
    static final Map<String, String> TCP_LISTENERS = Map.of(
            "sea", "switchboard.sea.listener",
            "http", "switchboard.http.listeners.http",
            "http-legacy", "switchboard.http.listeners.http-legacy",
            "example-tcp", "switchboard.example.listeners.tcp");
    static final Map<String, String> UDP_LISTENERS = Map.of(
            "example-udp", "switchboard.example.listeners.udp");
    /** Actuator's own port when set; otherwise Actuator shares the embedded server's port. */
    static final String MANAGEMENT_PORT = "management.server.port";
    static final String SERVER_PORT = "server.port";
    static final String DRAIN_TIMEOUT = "switchboard.shutdown.drain-timeout";

    static AppDefaults load() throws IOException {
        return from(SpringYaml.parse(ProjectFiles.APP_CONFIG.toString(),
                Files.readString(ProjectFiles.APP_CONFIG)));
    }

    /** Reads the same keys from any application.yml, e.g. the one the chart renders. */
    static AppDefaults from(SpringYaml yaml) {
        return new AppDefaults(ports(yaml, TCP_LISTENERS), ports(yaml, UDP_LISTENERS),
                yaml.optionalPort(MANAGEMENT_PORT).orElseGet(() -> yaml.port(SERVER_PORT)),
                yaml.duration(DRAIN_TIMEOUT));
    }

    private static Map<String, Integer> ports(SpringYaml yaml, Map<String, String> listeners) {
        var ports = new TreeMap<String, Integer>();
        listeners.forEach((name, prefix) -> {
            if (yaml.enabled(prefix)) {
                ports.put(name, yaml.port(prefix + ".port"));
            }
        });
        return ports;
    }
}
