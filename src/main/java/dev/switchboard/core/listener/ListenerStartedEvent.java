package dev.switchboard.core.listener;

import org.springframework.context.ApplicationEvent;

/** Published each time a listener binds, carrying the listener (and so its bound address). */
public final class ListenerStartedEvent extends ApplicationEvent {

    public ListenerStartedEvent(NettyListener listener) {
        super(listener);
    }

    public NettyListener listener() {
        return (NettyListener) getSource();
    }
}
