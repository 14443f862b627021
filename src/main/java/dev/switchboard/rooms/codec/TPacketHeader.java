package dev.switchboard.rooms.codec;

/** Layout of the 24-byte little-endian tPacket header (spec §5). */
public final class TPacketHeader {

    /** Header length in bytes; also the smallest valid packet. */
    public static final int SIZE = 24;
    /** {@code Ej8@} = 45 6A 38 40, read as a little-endian int. */
    public static final int SIGNATURE = 0x40386A45;

    static final int FRAME_OFFSET = 0;
    static final int UID_OFFSET = 4;
    static final int SIZE_OFFSET = 8;
    static final int CMD_OFFSET = 12;
    static final int P1_OFFSET = 16;
    static final int P2_OFFSET = 20;

    private TPacketHeader() {
    }
}
