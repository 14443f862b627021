package dev.switchboard.support.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Splits a byte stream at arbitrary points, for split-anywhere equivalence properties. */
public final class Chunks {

    private Chunks() {
    }

    /**
     * {@code bytes} cut at every position of {@code cuts} (taken modulo the length, duplicates and the
     * ends ignored); concatenating the result gives {@code bytes} back.
     */
    public static List<byte[]> split(byte[] bytes, List<Integer> cuts) {
        TreeSet<Integer> points = new TreeSet<>();
        if (bytes.length > 1) {
            for (int cut : cuts) {
                int at = Math.floorMod(cut, bytes.length);
                if (at > 0) {
                    points.add(at);
                }
            }
        }
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int at : points) {
            chunks.add(Arrays.copyOfRange(bytes, from, at));
            from = at;
        }
        chunks.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return chunks;
    }

    /** All arrays one after the other. */
    public static byte[] concat(List<byte[]> parts) {
        int total = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
