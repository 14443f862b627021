package dev.switchboard.core.listener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Writes {@code local.switchboard.<listener>.port} into the Environment when a listener binds, as Boot
 * does with {@code local.server.port}, so tests bind port 0 and read the real one.
 */
public final class ListenerPortPublisher implements ApplicationListener<ListenerStartedEvent> {

    private static final String SOURCE = "switchboard.listener.ports";

    private final ConfigurableEnvironment environment;
    private final Map<String, Object> ports = new ConcurrentHashMap<>();

    public ListenerPortPublisher(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ListenerStartedEvent event) {
        NettyListener listener = event.listener();
        if (listener.port() < 0) {
            return;
        }
        ports.put("local.switchboard." + listener.name() + ".port", listener.port());
        MutablePropertySources sources = environment.getPropertySources();
        if (!sources.contains(SOURCE)) {
            sources.addFirst(new MapPropertySource(SOURCE, ports));
        }
    }
}
