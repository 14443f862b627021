package dev.switchboard.http.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Evaluates conditional request headers in the order of RFC 9110 §13.2.2 for a GET or HEAD.
 */
public final class Preconditions {

    /** What the request's preconditions decide. */
    public enum Outcome {
        /** Serve the representation (or the range). */
        PROCEED,
        /** Answer 304 Not Modified. */
        NOT_MODIFIED,
        /** Answer 412 Precondition Failed. */
        PRECONDITION_FAILED
    }

    private Preconditions() {
    }

    /** Decides the outcome for a representation with this tag and modification time. */
    public static Outcome evaluate(RequestConditions conditions, String etag, Instant lastModified) {
        if (conditions == RequestConditions.NONE) {
            return Outcome.PROCEED;
        }
        // HTTP dates have one-second resolution, so compare at that resolution.
        Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
        if (conditions.ifMatch() != null) {
            if (!EntityTags.listMatches(conditions.ifMatch(), etag, false)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else if (conditions.ifUnmodifiedSince() != null) {
            Instant since = HttpDates.parse(conditions.ifUnmodifiedSince());
            if (since != null && modified.isAfter(since)) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        if (conditions.ifNoneMatch() != null) {
            if (EntityTags.listMatches(conditions.ifNoneMatch(), etag, true)) {
                return Outcome.NOT_MODIFIED;
            }
        } else if (conditions.ifModifiedSince() != null) {
            Instant since = HttpDates.parse(conditions.ifModifiedSince());
            if (since != null && !modified.isAfter(since)) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /**
     * Whether a Range header may be honoured given If-Range (RFC 9110 §13.1.5): no If-Range, a
     * strongly matching tag, or a date equal to the modification time.
     */
    public static boolean rangeAllowed(RequestConditions conditions, String etag, Instant lastModified) {
        String ifRange = conditions.ifRange();
        if (ifRange == null) {
            return true;
        }
        String trimmed = ifRange.trim();
        if (trimmed.startsWith("\"") || trimmed.startsWith("W/")) {
            return EntityTags.strongMatch(trimmed, etag);
        }
        Instant date = HttpDates.parse(trimmed);
        return date != null && date.equals(lastModified.truncatedTo(ChronoUnit.SECONDS));
    }
}
