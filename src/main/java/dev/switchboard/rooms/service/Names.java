package dev.switchboard.rooms.service;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Validation of nicks and room names: bounded UTF-8 with no control characters (spec §8), nicks also nothing invisible. */
final class Names {

    private Names() {
    }

    /**
     * The name as a string when it is 1..{@code maxBytes} bytes of valid UTF-8, not blank and free of control
     * characters; empty otherwise. Valid UTF-8 decodes one-to-one, so string equality is the spec's byte equality.
     */
    static Optional<String> validate(byte[] raw, int maxBytes) {
        return decode(raw, maxBytes).filter(text -> text.codePoints().noneMatch(Character::isISOControl));
    }

    /**
     * A nick as {@link #validate} allows it, and in addition free of invisible format characters (Unicode
     * category Cf: bidirectional overrides such as U+202E, zero-width joiners and spaces, soft hyphens) and of
     * line or paragraph separators, which let one nick impersonate another or reorder the text around it.
     */
    static Optional<String> validateNick(byte[] raw, int maxBytes) {
        return validate(raw, maxBytes).filter(text -> text.codePoints().noneMatch(Names::isInvisibleOrSeparator));
    }

    private static boolean isInvisibleOrSeparator(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static Optional<String> decode(byte[] raw, int maxBytes) {
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
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
