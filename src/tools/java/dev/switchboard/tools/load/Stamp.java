package dev.switchboard.tools.load;

import io.netty.buffer.ByteBuf;

/**
 * The text every benchmark message carries: {@code B<sender>:<nanos>.} in ASCII decimal, padded with
 * {@code x} to the requested size, so the receiver knows who sent it and when (System.nanoTime of
 * the same driver process) without any side table.
 *
 * @param sender the sending connection's index
 * @param nanos  the send timestamp (paced runs: the intended send time, to avoid coordinated omission)
 */
public record Stamp(int sender, long nanos) {

    /** Smallest text that holds any stamp: 'B', 10 digits, ':', 19 digits, '.'. */
    public static final int MAX_LENGTH = 32;

    /** Appends the stamp padded to {@code size} bytes (longer if {@code size} cannot hold it). */
    public static void write(ByteBuf out, int sender, long nanos, int size) {
        int start = out.writerIndex();
        out.writeByte('B');
        writeDecimal(out, sender);
        out.writeByte(':');
        writeDecimal(out, nanos);
        out.writeByte('.');
        int pad = size - (out.writerIndex() - start);
        for (int i = 0; i < pad; i++) {
            out.writeByte('x');
        }
    }

    /** Length of the text {@link #write} produces, to size a frame before writing it. */
    public static int length(int sender, long nanos, int size) {
        return Math.max(size, 3 + digits(sender) + digits(nanos));
    }

    /** Reads a stamp from {@code length} bytes at {@code index} without moving indexes; null if not one. */
    public static Stamp read(ByteBuf buf, int index, int length) {
        Reader reader = new Reader();
        return reader.read(buf, index, length) ? new Stamp(reader.sender(), reader.nanos()) : null;
    }

    /**
     * Reads stamps into its own fields, so a receiver that sees a million messages a second allocates
     * nothing per message. Confined to one thread.
     */
    public static final class Reader {
        private int sender;
        private long nanos;

        /** Parses the stamp at {@code index}; false (fields unchanged) when the bytes hold none. */
        public boolean read(ByteBuf buf, int index, int length) {
            int end = index + length;
            if (length < 5 || buf.getByte(index) != 'B') {
                return false;
            }
            long parsedSender = 0;
            int i = index + 1;
            int digits = 0;
            for (; i < end && buf.getByte(i) != ':'; i++, digits++) {
                int d = buf.getByte(i) - '0';
                if (d < 0 || d > 9 || digits >= 10) {
                    return false;
                }
                parsedSender = parsedSender * 10 + d;
            }
            if (i >= end || digits == 0 || parsedSender > Integer.MAX_VALUE) {
                return false;
            }
            long parsedNanos = 0;
            boolean negative = false;
            digits = 0;
            i++;
            if (i < end && buf.getByte(i) == '-') {
                negative = true;
                i++;
            }
            for (; i < end && buf.getByte(i) != '.'; i++, digits++) {
                int d = buf.getByte(i) - '0';
                if (d < 0 || d > 9 || digits >= 19) {
                    return false;
                }
                parsedNanos = parsedNanos * 10 + d;
            }
            if (i >= end || digits == 0) {
                return false;
            }
            sender = (int) parsedSender;
            nanos = negative ? -parsedNanos : parsedNanos;
            return true;
        }

        public int sender() {
            return sender;
        }

        public long nanos() {
            return nanos;
        }
    }

    private static void writeDecimal(ByteBuf out, long value) {
        if (value < 0) {
            out.writeByte('-');
            value = -value;
        }
        int n = digits(value);
        long divisor = 1;
        for (int i = 1; i < n; i++) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            out.writeByte('0' + (int) (value / divisor % 10));
        }
    }

    /** Characters {@code value} takes in decimal, sign included. */
    static int digits(long value) {
        // System.nanoTime may be negative on some platforms; Long.MIN_VALUE never occurs as a stamp.
        int sign = value < 0 ? 1 : 0;
        long v = Math.abs(value);
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n + sign;
    }
}
