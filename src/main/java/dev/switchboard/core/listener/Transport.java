package dev.switchboard.core.listener;

/** What kind of socket a listener binds. */
public enum Transport {
    /** A TCP server socket on {@code host:port}. */
    TCP,
    /** A UDP socket on {@code host:port}; one channel serves every datagram. */
    UDP,
    /** A unix-domain stream server socket at {@code path}. */
    UNIX
}
