package dev.switchboard.console.service;

/**
 * The state changes an operator can make from the console, each carried out by the same Actuator
 * operation as its REST call (so validation, the service call and the audit line are one code path).
 */
public interface ConsoleOperations {

    /** {@code DELETE /actuator/sessions/{id}[?ban=true]}. */
    CommandResult kill(String session, boolean ban);

    /** {@code DELETE /actuator/rooms/{room}/{member}} for the room and member of a rooms session. */
    CommandResult kick(String session);

    /** {@code POST /actuator/bans {"address","timeout","permanent"}}. */
    CommandResult ban(String address, String timeout, Boolean permanent);

    /** {@code DELETE /actuator/bans/{address}}. */
    CommandResult unban(String address);

    /** {@code POST /actuator/blacklist {"pattern"}}. */
    CommandResult addBlacklistPattern(String pattern);

    /** {@code DELETE /actuator/blacklist/{pattern}}. */
    CommandResult removeBlacklistPattern(String pattern);

    /** {@code POST /actuator/listeners/{name} {"action"}}. */
    CommandResult listener(String name, String action);

    /** The outcome as the REST call would have answered it: HTTP status and JSON body. */
    record CommandResult(int status, Object body) {

        public static CommandResult badRequest(String error) {
            return new CommandResult(400, new Error(400, error));
        }
    }

    /** The body of a refused command, shaped like the REST API's error body. */
    record Error(int status, String error) {
    }
}
