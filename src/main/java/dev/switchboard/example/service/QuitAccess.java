package dev.switchboard.example.service;

/** Which peers may stop the example listeners with {@code QUIT} (spec §6.4; REF accepts it from anyone). */
public enum QuitAccess {
    /** Loopback TCP peers and the unix socket (the default). */
    LOOPBACK,
    /** Every peer, as REF does. */
    ANY,
    /** Nobody: QUIT is always refused. */
    NONE;

    /** Whether a peer of this kind may QUIT. */
    public boolean permits(PeerKind peer) {
        return switch (this) {
            case ANY -> true;
            case NONE -> false;
            case LOOPBACK -> peer == PeerKind.LOOPBACK || peer == PeerKind.UNIX_SOCKET;
        };
    }
}
