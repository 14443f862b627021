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
 * /actuator/listeners/{name}} with {@code {"action":"start"|"stop"}} starts or stops one. Starting a
 * member of a {@link ListenerGroup} starts the group (this is how an operator brings the whole example
 * service back after a QUIT, whichever of its listeners is named).
 */
@Endpoint(id = "listeners")
public class ListenersEndpoint {

    private final ListenerRegistry registry;
    private final AuditLog audit;
    private final List<ListenerGroup> groups;

    public ListenersEndpoint(ListenerRegistry registry, AuditLog audit, List<ListenerGroup> groups) {
        this.registry = registry;
        this.audit = audit;
        this.groups = List.copyOf(groups);
    }

    @ReadOperation
    public List<ListenerDescriptor> listeners() {
        return registry.all().stream()
                .map(l -> ListenerDescriptor.of(l, registry.isStoppedOnPurpose(l.name())))
                .toList();
    }

    @ReadOperation
    public WebEndpointResponse<Object> listener(@Selector String name) {
        return registry.find(name).<WebEndpointResponse<Object>>map(l -> new WebEndpointResponse<>(
                        ListenerDescriptor.of(l, registry.isStoppedOnPurpose(name)), 200))
                .orElseGet(() -> new AuditLog.AdminError(404, "no listener named " + name).response());
    }

    /** Starts (with its group) or stops a listener; stopping closes its live connections too. */
    @WriteOperation
    public WebEndpointResponse<Object> change(@Selector String name, String action) {
        return audit.run("listener." + action, targets(name, action), () -> {
            if (registry.find(name).isEmpty()) {
                throw AdminException.notFound("no listener named " + name);
            }
            switch (action) {
                case "start" -> {
                    registry.start(name);
                    for (String member : groupMembers(name)) {
                        startIfItShouldServe(member);
                    }
                }
                case "stop" -> registry.stop(name, true);
                default -> throw AdminException.badField("action", "action must be start or stop, not " + action);
            }
            return ListenerDescriptor.of(registry.find(name).orElseThrow(), registry.isStoppedOnPurpose(name));
        });
    }

    private void startIfItShouldServe(String member) {
        registry.find(member).ifPresent(listener -> {
            if (!listener.isRunning() && (registry.isStoppedOnPurpose(member)
                    || listener.definition().properties().enabled())) {
                registry.start(member);
            }
        });
    }

    private List<String> groupMembers(String name) {
        return groups.stream().filter(g -> g.members().contains(name))
                .flatMap(g -> g.members().stream()).filter(m -> !m.equals(name)).distinct().toList();
    }

    private String targets(String name, String action) {
        List<String> others = "start".equals(action) && registry.find(name).isPresent() ? groupMembers(name) : List.of();
        return others.isEmpty() ? name : name + " (group: " + String.join(", ", others) + ")";
    }
}
