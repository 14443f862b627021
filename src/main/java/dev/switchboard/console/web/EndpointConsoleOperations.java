package dev.switchboard.console.web;

import dev.switchboard.console.service.ConsoleOperations;
import dev.switchboard.core.admin.ListenersEndpoint;
import dev.switchboard.core.admin.SessionDescriptor;
import dev.switchboard.core.admin.Sessions;
import dev.switchboard.core.admin.SessionsEndpoint;
import dev.switchboard.rooms.admin.RoomsEndpoint;
import dev.switchboard.sea.admin.BansEndpoint;
import dev.switchboard.sea.admin.BlacklistEndpoint;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * Console commands carried out by the Actuator endpoint beans themselves: the console gets the same
 * validation, service call, audit line and answer as the REST call, and cannot drift from it.
 */
public final class EndpointConsoleOperations implements ConsoleOperations {

    private final SessionsEndpoint sessionsEndpoint;
    private final Sessions sessions;
    private final RoomsEndpoint rooms;
    private final BansEndpoint bans;
    private final BlacklistEndpoint blacklist;
    private final ListenersEndpoint listeners;

    public EndpointConsoleOperations(SessionsEndpoint sessionsEndpoint, Sessions sessions, RoomsEndpoint rooms,
            BansEndpoint bans, BlacklistEndpoint blacklist, ListenersEndpoint listeners) {
        this.sessionsEndpoint = sessionsEndpoint;
        this.sessions = sessions;
        this.rooms = rooms;
        this.bans = bans;
        this.blacklist = blacklist;
        this.listeners = listeners;
    }

    @Override
    public CommandResult kill(String session, boolean ban) {
        return of(sessionsEndpoint.kill(session, ban));
    }

    @Override
    public CommandResult kick(String session) {
        SessionDescriptor found = sessions.find(session).orElse(null);
        if (found == null) {
            return new CommandResult(404, new Error(404, "no session " + session));
        }
        Map<String, Object> details = found.details() == null ? Map.of() : found.details();
        if (!(details.get("room") instanceof String room) || !(details.get("memberId") instanceof Integer member)) {
            return CommandResult.badRequest("session " + session + " is not in a room; kill it instead");
        }
        return of(rooms.kick(room, member));
    }

    @Override
    public CommandResult ban(String address, String timeout, Boolean permanent) {
        // No confirmation from the console: a ban on every address is a REST-only act with "confirm":true.
        return of(bans.change(address, timeout, permanent, null, null));
    }

    @Override
    public CommandResult unban(String address) {
        return of(bans.unban(address.split("/", -1)));
    }

    @Override
    public CommandResult addBlacklistPattern(String pattern) {
        // Likewise a pattern matching every name needs the REST call with "confirm":true.
        return of(blacklist.add(pattern, null));
    }

    @Override
    public CommandResult removeBlacklistPattern(String pattern) {
        return of(blacklist.remove(pattern.split("/", -1)));
    }

    @Override
    public CommandResult listener(String name, String action) {
        return of(listeners.change(name, action));
    }

    private static CommandResult of(WebEndpointResponse<Object> response) {
        return new CommandResult(response.getStatus(), response.getBody());
    }
}
