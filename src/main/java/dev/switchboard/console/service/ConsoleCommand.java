package dev.switchboard.console.service;

/**
 * One message from a console: {@code command} names what to do, the other fields are its arguments
 * (unused ones stay null); {@code id} is echoed in the reply so the page can match it.
 */
public record ConsoleCommand(Long id, String command, String session, Boolean ban, String address,
        String timeout, Boolean permanent, String pattern, String name, String action, String protocol,
        String text, Integer page) {

    /** Runs a state-changing command; {@code query} is handled by the caller (it changes only the view). */
    public ConsoleOperations.CommandResult execute(ConsoleOperations operations) {
        return switch (command == null ? "" : command) {
            case "kill" -> blank(session) ? missing("session")
                    : operations.kill(session, Boolean.TRUE.equals(ban));
            case "kick" -> blank(session) ? missing("session") : operations.kick(session);
            case "ban" -> blank(address) ? missing("address")
                    : operations.ban(address, blankToNull(timeout), permanent);
            case "unban" -> blank(address) ? missing("address") : operations.unban(address);
            case "blacklist-add" -> blank(pattern) ? missing("pattern")
                    : operations.addBlacklistPattern(pattern);
            case "blacklist-remove" -> blank(pattern) ? missing("pattern")
                    : operations.removeBlacklistPattern(pattern);
            case "listener" -> blank(name) ? missing("name") : operations.listener(name, action);
            default -> ConsoleOperations.CommandResult.badRequest("unknown command: " + command);
        };
    }

    /** The sessions-table query this message asks for; only meaningful when {@code command} is {@code query}. */
    public SessionQuery query() {
        return new SessionQuery(protocol, text, page == null ? 0 : page);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static ConsoleOperations.CommandResult missing(String field) {
        return ConsoleOperations.CommandResult.badRequest(field + " is required");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
