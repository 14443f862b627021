package dev.switchboard.bridge.service;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.io.ByteArrayOutputStream;

/**
 * Text between SEA's 8-bit strings and Unicode through one single-byte charset (Windows-1251 by default). Nothing
 * is dropped silently: a character the charset cannot hold becomes {@code ?} on the SEA side, a byte it does not
 * define becomes U+FFFD on the Unicode side, and both are counted so callers can report mapping failures.
 * Immutable and thread-safe (a coder is made per call).
 */
public final class SeaCharsetText {

    /** What a SEA client shows for a character its charset cannot hold. */
    static final byte SEA_REPLACEMENT = '?';
    /** What a browser shows for a SEA byte the charset does not define. */
    static final char UNICODE_REPLACEMENT = '\uFFFD';

    private final Charset charset;

    /** @throws IllegalArgumentException if {@code charset} is not a single-byte charset that can encode */
    public SeaCharsetText(Charset charset) {
        if (!charset.canEncode() || charset.newEncoder().maxBytesPerChar() != 1.0f) {
            throw new IllegalArgumentException(charset + " is not a single-byte charset");
        }
        this.charset = charset;
    }

    public Charset charset() {
        return charset;
    }

    /** Unicode text as SEA bytes; {@code replaced} counts the characters that became {@code ?}. */
    public Encoded toSea(String text) {
        CharsetEncoder encoder = charset.newEncoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int replaced = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            CharSequence one = text.subSequence(i, i + width);
            if (encoder.canEncode(one)) {
                try {
                    ByteBuffer bytes = encoder.reset().encode(CharBuffer.wrap(one));
                    out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                } catch (CharacterCodingException cannotHappen) {
                    out.write(SEA_REPLACEMENT);
                    replaced++;
                }
            } else {
                out.write(SEA_REPLACEMENT);
                replaced++;
            }
            i += width;
        }
        return new Encoded(out.toByteArray(), replaced);
    }

    /** SEA bytes as Unicode text; {@code replaced} counts the bytes that became U+FFFD. */
    public Decoded toUnicode(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder text = new StringBuilder(length);
        int replaced = 0;
        ByteBuffer one = ByteBuffer.allocate(1);
        for (int i = offset; i < offset + length; i++) {
            one.clear();
            one.put(bytes[i]).flip();
            try {
                text.append(decoder.reset().decode(one));
            } catch (CharacterCodingException undefined) {
                text.append(UNICODE_REPLACEMENT);
                replaced++;
            }
        }
        return new Decoded(text.toString(), replaced);
    }

    /** All of {@code bytes} as Unicode text. */
    public Decoded toUnicode(byte[] bytes) {
        return toUnicode(bytes, 0, bytes.length);
    }

    /** SEA bytes and how many characters could not be mapped. */
    public record Encoded(byte[] bytes, int replaced) {
    }

    /** Unicode text and how many bytes could not be mapped. */
    public record Decoded(String text, int replaced) {
    }
}
