package dev.switchboard.core.config;

/** Two enabled listeners are configured for the same socket. */
public final class ListenerAddressClashException extends IllegalStateException {

    public ListenerAddressClashException(String first, String second, String address) {
        super("Listeners " + first + " and " + second + " are both configured for " + address);
    }
}
