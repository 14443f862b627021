package dev.switchboard.sea.service;

import java.nio.charset.StandardCharsets;

/** The lossless 1:1 byte↔char mapping of §0, for logs, glob matching and administration. */
final class SeaText {

    private SeaText() {
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
