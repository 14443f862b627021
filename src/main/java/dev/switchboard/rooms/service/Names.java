package dev.switchboard.rooms.service;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Validation of nicks and room names: bounded UTF-8 with no control characters (spec §8). */
final class Names {

    private Names() {
    }

    /**
     * The name as a string when it is 1..{@code maxBytes} bytes of valid UTF-8, not blank and free of control
     * characters; empty otherwise. Valid UTF-8 decodes one-to-one, so string equality is the spec's byte equality.
     */
    static Optional<String> validate(byte[] raw, int maxBytes) {
        if (raw.length == 0 || raw.length > maxBytes) {
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        if (text.isBlank() || text.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
