package dev.switchboard.core.listener;

import java.util.Locale;

/** A listener could not bind its socket (the port or socket file is in use, or the address is not local). */
public final class ListenerBindException extends IllegalStateException {

    private final String listener;
    private final String address;

    public ListenerBindException(String listener, Transport transport, String address, Throwable cause) {
        super("Listener " + listener + " cannot bind " + transport.name().toLowerCase(Locale.ROOT) + " "
                + address + ": " + reason(cause), cause);
        this.listener = listener;
        this.address = address;
    }

    /** The listener's name. */
    public String listener() {
        return listener;
    }

    /** {@code host:port}, or the socket file of a unix listener. */
    public String address() {
        return address;
    }

    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        // Native epoll says "bind(..) failed with error(-98): Address already in use"; keep the readable end.
        int colon = message == null ? -1 : message.lastIndexOf(": ");
        return message == null ? cause.getClass().getSimpleName() : colon >= 0 ? message.substring(colon + 2) : message;
    }
}
