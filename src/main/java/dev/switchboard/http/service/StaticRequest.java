package dev.switchboard.http.service;

/**
 * A request for a static file as the rules see it: method token, raw request-target and the
 * conditional/range header fields.
 */
public record StaticRequest(String method, String target, RequestConditions conditions) {
}
