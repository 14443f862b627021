package dev.switchboard.core.admin;

import java.time.Instant;
import java.util.Map;

/**
 * What a protocol adds about one of its sessions.
 *
 * @param name the user's name or nick, null before login
 * @param loginTime when the session logged in, null before
 * @param state a protocol-specific word ({@code connected}, {@code logged-in}, {@code in-room}, …)
 * @param details the per-session dump an operator asks for (versions, counters, flags)
 */
public record SessionInfo(String name, Instant loginTime, String state, Map<String, Object> details) {
}
