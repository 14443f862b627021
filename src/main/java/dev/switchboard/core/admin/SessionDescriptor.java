package dev.switchboard.core.admin;

import java.time.Instant;
import java.util.Map;

/** One connected session of any protocol, as the sessions endpoint lists it. */
public record SessionDescriptor(String id, String protocol, String listener, String address, Instant connectedAt,
        String name, Instant loginTime, String state, Map<String, Object> details) {
}
