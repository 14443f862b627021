package dev.switchboard.sea.message;

/** A command code the server does not know (0, 6, 13, 17–255): logged and ignored (§5.13). */
public record UnknownCommand(int code) implements SeaCommand {
}
