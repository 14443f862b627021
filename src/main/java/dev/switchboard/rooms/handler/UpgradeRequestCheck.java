package dev.switchboard.rooms.handler;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The opening-handshake rules of RFC 6455 §4.2.1 that Netty's handshaker does not enforce: it answers 101 to
 * HTTP/1.0, to hixie-76 and drafts 7/8, and to any key. The router has already checked the method (GET), the
 * {@code Upgrade: websocket} field and the path; {@code Host} is checked for every request by the HTTP stages.
 */
final class UpgradeRequestCheck {

    /** The only protocol version served (RFC 6455). */
    static final String VERSION = "13";

    /** Why an upgrade is refused: the status, a short text for the body and any extra header. */
    record Refusal(HttpResponseStatus status, String text, Map<String, String> headers) {
    }

    private UpgradeRequestCheck() {
    }

    /** The refusal for {@code request}, or empty when it is a valid version-13 opening handshake. */
    static Optional<Refusal> check(HttpRequest request) {
        if (request.protocolVersion().majorVersion() != 1 || request.protocolVersion().minorVersion() < 1) {
            return refuse(HttpResponseStatus.BAD_REQUEST, "a WebSocket upgrade needs HTTP/1.1");
        }
        HttpHeaders headers = request.headers();
        List<String> versions = headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        if (versions.size() != 1 || !versions.get(0).trim().equals(VERSION)) {
            // §4.2.2: an unsupported version (hixie-76 sends none, drafts send 7 or 8) gets 426 naming ours.
            return Optional.of(new Refusal(HttpResponseStatus.UPGRADE_REQUIRED,
                    "only WebSocket version " + VERSION + " is supported",
                    Map.of(HttpHeaderNames.SEC_WEBSOCKET_VERSION.toString(), VERSION)));
        }
        List<String> keys = headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (keys.size() != 1 || !isNonce(keys.get(0).trim())) {
            return refuse(HttpResponseStatus.BAD_REQUEST, "Sec-WebSocket-Key must be 16 bytes in base64");
        }
        if (!hasToken(headers.getAll(HttpHeaderNames.CONNECTION), "upgrade")) {
            return refuse(HttpResponseStatus.BAD_REQUEST, "Connection must include Upgrade");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(HttpResponseStatus status, String text) {
        return Optional.of(new Refusal(status, text, Map.of()));
    }

    /** §4.1: the key is a randomly selected 16-byte value, base64-encoded (24 characters with padding). */
    private static boolean isNonce(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasToken(List<String> fields, String token) {
        for (String field : fields) {
            for (String element : field.split(",")) {
                if (element.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
