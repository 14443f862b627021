package dev.switchboard.core.admin;

import dev.switchboard.core.listener.NettyListener;

/** What the listeners endpoint and health report about one listener. */
public record ListenerDescriptor(String name, String protocol, String transport, String state, String address,
        int connections) {

    static ListenerDescriptor of(NettyListener listener, boolean stoppedOnPurpose) {
        String state = listener.isRunning() ? "running"
                : stoppedOnPurpose ? "stopped"
                : listener.definition().properties().enabled() ? "down" : "disabled";
        Object address = listener.localAddress();
        return new ListenerDescriptor(listener.name(), listener.protocol(),
                listener.definition().properties().transport().name().toLowerCase(java.util.Locale.ROOT), state,
                address != null ? address.toString() : null, listener.connections().size());
    }
}
