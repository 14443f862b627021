package dev.switchboard.example;

import dev.switchboard.core.listener.ListenerRegistry;
import dev.switchboard.example.service.ExampleListeners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

import java.util.List;
import java.util.concurrent.Executor;

/** {@link ExampleListeners} through the core's {@link ListenerRegistry}. */
final class RegistryExampleListeners implements ExampleListeners {

    private static final Logger log = LoggerFactory.getLogger(RegistryExampleListeners.class);

    private final ObjectProvider<ListenerRegistry> registry;
    private final List<String> names;
    private final Executor executor;

    /**
     * @param registry looked up lazily: the registry is built from the listener definitions, which need
     *                 this object, so a direct reference would be a cycle
     * @param executor runs the unbinding, which waits for the server sockets to close and so must not
     *                 run on an event loop
     */
    RegistryExampleListeners(ObjectProvider<ListenerRegistry> registry, List<String> names, Executor executor) {
        this.registry = registry;
        this.names = List.copyOf(names);
        this.executor = executor;
    }

    @Override
    public void stopAll() {
        executor.execute(() -> {
            ListenerRegistry listeners = registry.getObject();
            for (String name : names) {
                try {
                    // A listener that was never started (the unix socket is off by default) stays "disabled".
                    if (listeners.find(name).filter(l -> l.isRunning()).isEmpty()) {
                        continue;
                    }
                    // false: unbind only; connections accepted earlier keep being served (spec §6.4 step 4).
                    listeners.stop(name, false);
                } catch (RuntimeException e) {
                    log.warn("QUIT: could not stop listener {}: {}", name, e.toString());
                }
            }
            log.info("QUIT: example listeners {} stopped; the gateway keeps running", names);
        });
    }
}
