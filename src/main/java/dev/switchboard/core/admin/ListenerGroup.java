package dev.switchboard.core.admin;

import java.util.List;

/**
 * Listeners a protocol stops and starts together (the example's QUIT stops its TCP, unix-socket and UDP
 * listeners at once): an operator start of any member also starts every other member that is down but
 * should serve (enabled in configuration, or stopped on purpose), so a restart covers what the stop did.
 *
 * @param name    the group's name, for the audit line
 * @param members listener names
 */
public record ListenerGroup(String name, List<String> members) {

    public ListenerGroup {
        members = List.copyOf(members);
    }
}
