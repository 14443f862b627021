package dev.switchboard.core.admin;

import dev.switchboard.core.listener.ListenerRegistry;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/listeners}: every listener's state and bound address; {@code POST
 * /actuator/listeners/{name}} with {@code {"action":"start"|"stop"}} starts or stops one (this is how an
 * operator brings the example service back after a QUIT).
 */
@Endpoint(id = "listeners")
public class ListenersEndpoint {

    private final ListenerRegistry registry;
    private final AuditLog audit;

    public ListenersEndpoint(ListenerRegistry registry, AuditLog audit) {
        this.registry = registry;
        this.audit = audit;
    }

    @ReadOperation
    public List<ListenerDescriptor> listeners() {
        return registry.all().stream()
                .map(l -> ListenerDescriptor.of(l, registry.isStoppedOnPurpose(l.name())))
                .toList();
    }

    @ReadOperation
    public ListenerDescriptor listener(@Selector String name) {
        return registry.find(name).map(l -> ListenerDescriptor.of(l, registry.isStoppedOnPurpose(name))).orElse(null);
    }

    /** Starts or stops a listener; stopping closes its live connections too. */
    @WriteOperation
    public WebEndpointResponse<Object> change(@Selector String name, String action) {
        return audit.run("listener." + action, name, () -> {
            if (registry.find(name).isEmpty()) {
                throw AdminException.notFound("no listener named " + name);
            }
            switch (action == null ? "" : action) {
                case "start" -> registry.start(name);
                case "stop" -> registry.stop(name, true);
                default -> throw AdminException.badRequest("action must be start or stop, not " + action);
            }
            return ListenerDescriptor.of(registry.find(name).orElseThrow(), registry.isStoppedOnPurpose(name));
        });
    }
}
