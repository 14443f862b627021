package dev.switchboard.tools.seasend;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The bytes of one message as SEA clients lay them out (spec §9.4, informative): the plain text, then
 * optionally {@code 00} + an RTF version, then optionally {@code 00 "FILE" BE32 mtime str8 filename data}.
 *
 * @param text    the plain text, shown by every client
 * @param payload text plus the optional parts
 */
record MessagePayload(byte[] text, byte[] payload) {

    private static final byte[] FILE_MARKER = {0, 'F', 'I', 'L', 'E'};

    /**
     * @param rtf        RTF version, or {@code null}
     * @param fileName   attachment file name (1–255 bytes), or {@code null} for no attachment
     * @param mtime      attachment modification time in Unix seconds (BE32)
     * @param fileData   attachment content
     */
    static MessagePayload of(byte[] text, byte[] rtf, byte[] fileName, long mtime, byte[] fileData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length
                + (rtf == null ? 0 : 1 + rtf.length)
                + (fileName == null ? 0 : 10 + fileName.length + fileData.length));
        out.writeBytes(text);
        if (rtf != null) {
            out.write(0);
            out.writeBytes(rtf);
        }
        if (fileName != null) {
            if (fileName.length < 1 || fileName.length > 255) {
                throw new IllegalArgumentException("attachment file name must be 1–255 bytes, was " + fileName.length);
            }
            if (mtime < 0 || mtime > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("attachment modification time does not fit 32 bits: " + mtime);
            }
            out.writeBytes(FILE_MARKER);
            out.write((int) (mtime >>> 24));
            out.write((int) (mtime >>> 16));
            out.write((int) (mtime >>> 8));
            out.write((int) mtime);
            out.write(fileName.length);
            out.writeBytes(fileName);
            out.writeBytes(fileData);
        }
        return new MessagePayload(text, out.toByteArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessagePayload other && Arrays.equals(text, other.text)
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(text) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "MessagePayload[text=" + text.length + " bytes, payload=" + payload.length + " bytes]";
    }
}
