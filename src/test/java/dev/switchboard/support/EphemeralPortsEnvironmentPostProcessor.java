package dev.switchboard.support;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Test-only: every application context a test starts binds its listeners on ephemeral ports and keeps
 * its archive file and durable operator state under {@code target/} (the state in a directory of its own
 * per context), so cached contexts and parallel sessions never clash. It sits
 * just above the config files ({@code ./config/application.yml} names the real ports) and below a test's
 * own properties, which still win. Plain binders and {@code ApplicationContextRunner} never see it, so
 * tests of the documented defaults stay honest.
 */
public final class EphemeralPortsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private static final Map<String, Object> TEST_DEFAULTS = Map.of(
            "server.port", 0,
            "switchboard.sea.listener.port", 0,
            "switchboard.http.listeners.http.port", 0,
            "switchboard.http.listeners.http-legacy.port", 0,
            "switchboard.example.listeners.tcp.port", 0,
            "switchboard.example.listeners.udp.port", 0,
            "switchboard.sea.archiver.file", "target/test-data/archive.log");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        Map<String, Object> defaults = new java.util.HashMap<>(TEST_DEFAULTS);
        // Durable operator state of one context must never reach another: a ban of 127.0.0.1 stored by one
        // test would refuse every later test's clients. Restart tests set their own directory.
        defaults.put("switchboard.cluster.data-dir", "target/test-data/cluster-" + java.util.UUID.randomUUID());
        MapPropertySource ports = new MapPropertySource("switchboard.test.ephemeral-ports", defaults);
        String firstConfigFile = sources.stream().map(PropertySource::getName)
                .filter(name -> name.startsWith("Config resource")).findFirst().orElse(null);
        if (firstConfigFile != null) {
            sources.addBefore(firstConfigFile, ports);
        } else {
            sources.addLast(ports);
        }
    }

    /** After the config files have been loaded. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
