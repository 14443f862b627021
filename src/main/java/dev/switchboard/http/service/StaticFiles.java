package dev.switchboard.http.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the static file server: which method, path, precondition and range gets which
 * answer. Replaces the original's "every method is a GET with a body" (http-server spec §2.1).
 */
public final class StaticFiles {

    /** Value of the Allow header on a 405. */
    public static final String ALLOW = "GET, HEAD";

    /** Methods of RFC 9110 and RFC 5789: these get 405, any other token 501. */
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private static final ByteRanges.Decision WHOLE = new ByteRanges.Whole();

    private final StaticContent content;
    private final String cacheControl;

    /** Serves {@code content}; a zero {@code cacheMaxAge} means clients revalidate every time. */
    public StaticFiles(StaticContent content, Duration cacheMaxAge) {
        this.content = content;
        this.cacheControl = cacheMaxAge.isZero() ? "no-cache" : "max-age=" + cacheMaxAge.toSeconds();
    }

    /** Decides the reply to one request. */
    public StaticReply answer(StaticRequest request) {
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            return KNOWN_METHODS.contains(request.method())
                    ? new StaticReply.Failure(405, "method " + request.method() + " not allowed", Map.of("Allow", ALLOW),
                            false, false)
                    : new StaticReply.Failure(501, "method " + request.method() + " not implemented", Map.of(), false, true);
        }
        PathResolver.Result path = PathResolver.resolve(request.target());
        if (path instanceof PathResolver.Rejected rejected) {
            return rejected.reason() == PathResolver.Reason.MALFORMED
                    ? new StaticReply.Failure(400, rejected.detail(), Map.of(), head, true)
                    : new StaticReply.Failure(404, rejected.detail(), Map.of(), head, true);
        }
        PathResolver.Resolved resolved = (PathResolver.Resolved) path;
        StaticContent.Lookup lookup = content.find(resolved.segments(), resolved.trailingSlash());
        if (lookup instanceof StaticContent.DirectoryWithoutSlash) {
            return new StaticReply.Redirect(directoryLocation(resolved), head);
        }
        if (!(lookup instanceof StaticContent.Found found)) {
            return new StaticReply.Failure(404, "no such file", Map.of(), head, false);
        }
        return answerFound(request, found.resource(), head);
    }

    private StaticReply answerFound(StaticRequest request, StaticResource resource, boolean head) {
        String etag = resource.etag();
        Instant lastModified = resource.lastModified();
        RequestConditions conditions = request.conditions();
        switch (Preconditions.evaluate(conditions, etag, lastModified)) {
            case PRECONDITION_FAILED:
                return new StaticReply.Failure(412, "precondition failed", Map.of(), head, false);
            case NOT_MODIFIED:
                return new StaticReply.NotModified(Map.of("ETag", etag, "Last-Modified", resource.lastModifiedText(),
                        "Cache-Control", cacheControl));
            default:
                break;
        }
        // Range applies to GET only (RFC 9110 §14.2); a HEAD sees the 200 headers.
        ByteRanges.Decision range = head || conditions.range() == null
                || !Preconditions.rangeAllowed(conditions, etag, lastModified)
                ? WHOLE
                : ByteRanges.decide(conditions.range(), resource.length());
        if (range instanceof ByteRanges.Unsatisfiable) {
            return new StaticReply.Failure(416, "range not satisfiable",
                    Map.of("Content-Range", "bytes */" + resource.length()), false, false);
        }
        if (range instanceof ByteRanges.Partial partial) {
            Map<String, String> headers = Map.of("ETag", etag, "Last-Modified", resource.lastModifiedText(),
                    "Cache-Control", cacheControl, "Content-Type", resource.contentType(), "Accept-Ranges", "bytes",
                    "Content-Range", "bytes " + partial.first() + "-" + partial.last() + "/" + resource.length(),
                    "Content-Length", Long.toString(partial.length()));
            return new StaticReply.Entity(206, resource, partial.first(), partial.length(), headers, false);
        }
        Map<String, String> headers = Map.of("ETag", etag, "Last-Modified", resource.lastModifiedText(),
                "Cache-Control", cacheControl, "Content-Type", resource.contentType(), "Accept-Ranges", "bytes",
                "Content-Length", resource.lengthText());
        return new StaticReply.Entity(200, resource, 0, resource.length(), headers, head);
    }

    /**
     * The canonical directory URL, rebuilt from the decoded segments rather than echoed, so that
     * a target such as {@code //evil.example} can never become a protocol-relative redirect.
     */
    private static String directoryLocation(PathResolver.Resolved resolved) {
        StringBuilder location = new StringBuilder("/");
        List<String> segments = resolved.segments();
        for (String segment : segments) {
            location.append(encodeSegment(segment)).append('/');
        }
        if (resolved.rawQuery() != null) {
            location.append('?').append(resolved.rawQuery());
        }
        return location.toString();
    }

    private static String encodeSegment(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
