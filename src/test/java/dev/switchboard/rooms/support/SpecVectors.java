package dev.switchboard.rooms.support;

/** The hex test vectors of rooms-protocol.md §11, field by field. */
public final class SpecVectors {

    /** V1 — C→S magic string, uid 0x1000, size 39. */
    public static final byte[] V1 = Hex.bytes("""
            45 6a 38 40  // frame "Ej8@"
            00 10 00 00  // uid 0x1000
            27 00 00 00  // size 39
            00 00 00 00  // cmd _NOP
            00 00 00 00  // p1
            00 00 00 00  // p2
            6d 61 67 69 63 20 73 74 72 69 6e 67 20 3a 29  // "magic string :)"
            """);

    /** V2 — C→S _SET_USER_NICK "alice", uid 0x1001, size 29. */
    public static final byte[] V2 = Hex.bytes("""
            45 6a 38 40  // frame
            01 10 00 00  // uid 0x1001
            1d 00 00 00  // size 29
            01 00 00 00  // cmd _SET_USER_NICK
            00 00 00 00  // p1
            00 00 00 00  // p2
            61 6c 69 63 65  // "alice"
            """);

    /** V3 — S→C _RESP_OK for uid 0x1001, complete frame. */
    public static final byte[] V3_FRAME = Hex.bytes("""
            82 18        // FIN + binary, length 24
            45 6a 38 40  // frame
            01 10 00 00  // uid 0x1001
            18 00 00 00  // size 24
            03 00 00 00  // cmd _RESP_OK
            00 00 00 00  // p1
            00 00 00 00  // p2
            """);

    /** V4 — S→C _RESP_ERROR for uid 0x1001, p1 = -1. */
    public static final byte[] V4 = Hex.bytes("""
            45 6a 38 40  // frame
            01 10 00 00  // uid 0x1001
            18 00 00 00  // size 24
            04 00 00 00  // cmd _RESP_ERROR
            ff ff ff ff  // p1 -1
            00 00 00 00  // p2
            """);

    /** V5 — C→S _SET_ROOM "wuwu", uid 0x1002, size 28. */
    public static final byte[] V5 = Hex.bytes("""
            45 6a 38 40  // frame
            02 10 00 00  // uid 0x1002
            1c 00 00 00  // size 28
            02 00 00 00  // cmd _SET_ROOM
            00 00 00 00  // p1
            00 00 00 00  // p2
            77 75 77 75  // "wuwu"
            """);

    /** V6 — S→C _NEW_USER member 0x1000 "alice". */
    public static final byte[] V6 = Hex.bytes("""
            45 6a 38 40  // frame
            ff ff ff ff  // uid -1
            1d 00 00 00  // size 29
            05 00 00 00  // cmd _NEW_USER
            00 10 00 00  // p1 member 0x1000
            00 00 00 00  // p2
            61 6c 69 63 65  // "alice"
            """);

    /** V7 — S→C _LOGGED_MSG "bob: hello". */
    public static final byte[] V7 = Hex.bytes("""
            45 6a 38 40  // frame
            ff ff ff ff  // uid -1
            22 00 00 00  // size 34
            08 00 00 00  // cmd _LOGGED_MSG
            00 00 00 00  // p1
            00 00 00 00  // p2
            62 6f 62 3a 20 68 65 6c 6c 6f  // "bob: hello"
            """);

    /** V8 — C→S _NEW_MSG "hi", uid 0x1003. */
    public static final byte[] V8 = Hex.bytes("""
            45 6a 38 40  // frame
            03 10 00 00  // uid 0x1003
            1a 00 00 00  // size 26
            07 00 00 00  // cmd _NEW_MSG
            00 00 00 00  // p1
            00 00 00 00  // p2
            68 69        // "hi"
            """);

    /** V9 — S→C _NEW_MSG relay of V8 from member 0x1000. */
    public static final byte[] V9 = Hex.bytes("""
            45 6a 38 40  // frame
            ff ff ff ff  // uid -1
            1a 00 00 00  // size 26
            07 00 00 00  // cmd _NEW_MSG
            00 10 00 00  // p1 sender 0x1000
            00 00 00 00  // p2
            68 69        // "hi"
            """);

    /** V10 — S→C _DEL_USER member 0x1001 "bob". */
    public static final byte[] V10 = Hex.bytes("""
            45 6a 38 40  // frame
            ff ff ff ff  // uid -1
            1b 00 00 00  // size 27
            06 00 00 00  // cmd _DEL_USER
            01 10 00 00  // p1 member 0x1001
            00 00 00 00  // p2
            62 6f 62     // "bob"
            """);

    /** V11 — V1 as a masked client frame, mask key 37 fa 21 3d. */
    public static final byte[] V11_FRAME = Hex.bytes("""
            82 a7        // FIN + binary; MASK + length 39
            37 fa 21 3d  // masking key
            72 90 19 7d 37 ea 21 3d 10 fa 21 3d 37 fa 21 3d 37 fa
            21 3d 37 fa 21 3d 5a 9b 46 54 54 da 52 49 45 93 4f 5a 17 c0 08
            """);

    /** V12 — frame and packet header of a _NEW_MSG with 200 text bytes (size 224), 16-bit length form. */
    public static final byte[] V12_HEADERS = Hex.bytes("""
            82 7e 00 e0  // FIN + binary; 16-bit length 224
            45 6a 38 40  // frame
            ff ff ff ff  // uid -1
            e0 00 00 00  // size 224
            07 00 00 00  // cmd _NEW_MSG
            00 10 00 00  // p1 sender 0x1000
            00 00 00 00  // p2
            """);

    /** V13 — RFC 6455 sample key and its accept token. */
    public static final String V13_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    public static final String V13_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /** V14 — browser close 1001 masked with 01 02 03 04, and the server's answer. */
    public static final byte[] V14_CLIENT_CLOSE = Hex.bytes("88 82 01 02 03 04 02 eb");
    public static final byte[] V14_SERVER_CLOSE = Hex.bytes("88 02 03 e9");

    private SpecVectors() {
    }
}
