package dev.switchboard.sea.message;

/**
 * The version gates of §7. Versions are compared as <em>signed</em> bytes like the reference's C
 * {@code char} (§4.1, §18 item 14), so bytes 0x80–0xFF count as older than 96.
 */
public final class SeaVersions {

    /** Receives AWAY/UNAWAY/MUTE and the away replay. */
    public static final byte AWAY_AND_MUTE = 96;
    /** Receives RENAME and printers-group messages. */
    public static final byte RENAME_AND_PRINTERS = 97;
    /** Shorter idle timeout (§10.2). */
    public static final byte SHORT_IDLE = 98;
    /** v102 MESSAGE header and big messages (§9.3, §9.4). */
    public static final byte BIG_MESSAGES = 102;

    private SeaVersions() {
    }

    public static boolean receivesAway(byte version) {
        return version >= AWAY_AND_MUTE;
    }

    public static boolean receivesMute(byte version) {
        return version >= AWAY_AND_MUTE;
    }

    public static boolean receivesRename(byte version) {
        return version >= RENAME_AND_PRINTERS;
    }

    public static boolean receivesPrinters(byte version) {
        return version >= RENAME_AND_PRINTERS;
    }

    public static boolean shortIdle(byte version) {
        return version >= SHORT_IDLE;
    }

    public static boolean bigMessages(byte version) {
        return version >= BIG_MESSAGES;
    }

    /**
     * Whether a client of this version can parse {@code message} at all; the encoder refuses to
     * produce anything else, because an unknown layout desynchronises the client for good (§2.3).
     */
    public static boolean understands(byte version, SeaServerMessage message) {
        if (message instanceof SeaServerMessage.Away || message instanceof SeaServerMessage.Unaway) {
            return receivesAway(version);
        }
        if (message instanceof SeaServerMessage.Mute) {
            return receivesMute(version);
        }
        if (message instanceof SeaServerMessage.Rename) {
            return receivesRename(version);
        }
        if (message instanceof SeaServerMessage.Message m) {
            return !m.printers() || receivesPrinters(version);
        }
        return true;
    }
}
