package dev.switchboard.core.config;

/** Two settings that are each valid but cannot hold together; the message names both keys. */
public final class ConflictingSettingsException extends IllegalStateException {

    private final String action;

    /**
     * @param message what conflicts, naming both keys and their values
     * @param action  what the operator should change
     */
    public ConflictingSettingsException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
