package dev.switchboard.sea.message;

/**
 * A client→server command of the SEA protocol (§5), decoded from one frame.
 *
 * <p>Text fields are raw bytes (§0 "text is bytes"); the records hold private copies, never pooled
 * buffers, so services may keep them.
 */
public sealed interface SeaCommand
        permits Login, SendMessage, Ping, SetUserInfo, UserInfoRequest, Chat, ChatCancel, LinkRequest,
        Mute, Away, Unaway, Rename, PrintersJoin, PrintersLeave, UnknownCommand, Malformed {

    /** The command code of the frame this command came from. */
    int code();
}
