package dev.switchboard.http.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 response read byte by byte off the wire, framed by its Content-Length, so tests see
 * exactly what a client would (nothing more is read than the response contains).
 */
public record RawResponse(String statusLine, int status, Map<String, List<String>> headers, byte[] body) {

    /** First value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    /** Number of times a header appears. */
    public int headerCount(String name) {
        List<String> values = headers.get(name);
        return values == null ? 0 : values.size();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Reads one response; {@code head} says it answers a HEAD (no body whatever Content-Length says).
     * Returns null if the stream ends before the first byte.
     */
    public static RawResponse read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in, true);
        if (statusLine == null) {
            return null;
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = line(in, false); !line.isEmpty(); line = line(in, false)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        byte[] body = new byte[0];
        List<String> length = headers.get("Content-Length");
        boolean noBody = head || status == 304 || status == 204 || status / 100 == 1;
        if (!noBody && length != null) {
            body = in.readNBytes(Integer.parseInt(length.get(0)));
        }
        return new RawResponse(statusLine, status, headers, body);
    }

    private static String line(InputStream in, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && out.size() == 0) {
                    return null;
                }
                throw new EOFException("stream ended inside a response head: " + out);
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = out.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            out.write(b);
            previous = b;
        }
    }
}
