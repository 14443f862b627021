package dev.switchboard.core.admin;

import dev.switchboard.core.listener.ListenerRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the data plane: DOWN while a listener that should be serving is not bound (a failed
 * bind, or the drain at shutdown). A listener stopped on purpose (QUIT, an operator) shows as
 * {@code stopped} in the details without failing readiness: the other protocols still serve.
 */
public class ListenersHealthIndicator implements HealthIndicator {

    private final ListenerRegistry registry;

    public ListenersHealthIndicator(ListenerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        for (var listener : registry.all()) {
            ListenerDescriptor descriptor = ListenerDescriptor.of(listener, registry.isStoppedOnPurpose(listener.name()));
            details.put(listener.name(), descriptor.state()
                    + (descriptor.address() != null ? " " + descriptor.address() : ""));
            up &= !descriptor.state().equals("down");
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
