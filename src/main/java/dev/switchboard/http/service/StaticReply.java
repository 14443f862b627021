package dev.switchboard.http.service;

import java.util.Map;

/** How to answer a static-file request; the handler turns it into HTTP objects. */
public sealed interface StaticReply {

    /**
     * Send {@code length} bytes of {@code resource} from {@code offset}: 200 for the whole file or
     * 206 for a range. {@code headers} are the entity headers to send (Content-Type, ETag, …,
     * Content-Length included); {@code headOnly} means send them without the body.
     */
    record Entity(int status, StaticResource resource, long offset, long length,
                  Map<String, String> headers, boolean headOnly) implements StaticReply {
        public Entity {
            headers = Map.copyOf(headers);
        }
    }

    /** 304 with the validator and caching headers of the current representation. */
    record NotModified(Map<String, String> headers) implements StaticReply {
        public NotModified {
            headers = Map.copyOf(headers);
        }
    }

    /** 301 to {@code location} (a directory asked for without its slash). */
    record Redirect(String location, boolean headOnly) implements StaticReply {
    }

    /**
     * An error status with its extra headers (Allow for 405, Content-Range for 416); the body is
     * a short explanation unless {@code headOnly}. {@code badInput} marks a refused request
     * (malformed or traversing target, unknown method) worth a log line, unlike a missing file.
     */
    record Failure(int status, String reason, Map<String, String> headers, boolean headOnly, boolean badInput)
            implements StaticReply {
        public Failure {
            headers = Map.copyOf(headers);
        }
    }
}
