package dev.switchboard.http.service;

/**
 * The request header fields that make a static-file request conditional or partial, as the raw
 * field values (null when absent).
 */
public record RequestConditions(
        String ifMatch,
        String ifNoneMatch,
        String ifModifiedSince,
        String ifUnmodifiedSince,
        String range,
        String ifRange) {

    /** No conditions: an unconditional request for the whole representation. */
    public static final RequestConditions NONE = new RequestConditions(null, null, null, null, null, null);
}
