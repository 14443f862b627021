package dev.switchboard.example.service;

/** Where a TCP-style connection comes from, as far as the QUIT rule cares. */
public enum PeerKind {
    /** A TCP peer on a loopback address. */
    LOOPBACK,
    /** A peer on the unix-domain socket listener: only local processes can reach it. */
    UNIX_SOCKET,
    /** Any other TCP peer. */
    REMOTE
}
