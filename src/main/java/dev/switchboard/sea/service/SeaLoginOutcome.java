package dev.switchboard.sea.service;

import dev.switchboard.core.metrics.MeterTag;

/** How a login attempt ended: the {@code outcome} of {@code switchboard_sea_logins_total}. */
public enum SeaLoginOutcome implements MeterTag {
    OK("ok"),
    NOT_LOGGED_IN("not-logged-in"),
    BLACKLISTED("blacklisted"),
    MAX_CONNECTIONS("max-connections"),
    LOGIN_TIMEOUT("login-timeout");

    private final String tag;

    SeaLoginOutcome(String tag) {
        this.tag = tag;
    }

    @Override
    public String tag() {
        return tag;
    }
}
