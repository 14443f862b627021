package dev.switchboard.sea.handler;

import dev.switchboard.sea.service.SeaUser;

import java.time.Duration;

/** User events the SEA session handler fires down its own pipeline. */
final class SeaEvents {

    /** The session logged in: the login timer is no longer needed. */
    static final Object LOGGED_IN = new Object() {
        @Override
        public String toString() {
            return "SEA_LOGGED_IN";
        }
    };

    private SeaEvents() {
    }

    /** The connection passed admission (§12) and must log in within {@code loginTimeout}. */
    record Admitted(SeaUser user, Duration loginTimeout) {
    }
}
