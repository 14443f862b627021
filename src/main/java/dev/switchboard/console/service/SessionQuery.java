package dev.switchboard.console.service;

import java.util.Locale;

/**
 * One console's view of the sessions table: protocol (null = all), a search text matched against id,
 * name, address, listener and state (case-insensitive substring), and the page.
 */
public record SessionQuery(String protocol, String text, int page) {

    /** Longest search text kept; longer input is cut rather than refused. */
    static final int MAX_TEXT = 100;
    /** Highest page number accepted. */
    static final int MAX_PAGE = 100_000;

    public static final SessionQuery ALL = new SessionQuery(null, null, 0);

    public SessionQuery {
        protocol = protocol == null || protocol.isBlank() ? null : protocol.trim().toLowerCase(Locale.ROOT);
        text = text == null || text.isBlank() ? null : text.strip();
        if (text != null && text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        page = Math.max(0, Math.min(page, MAX_PAGE));
    }
}
