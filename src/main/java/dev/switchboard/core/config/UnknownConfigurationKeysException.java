package dev.switchboard.core.config;

import java.util.Map;
import java.util.stream.Collectors;

/** Startup found {@code switchboard.*} keys no configuration record binds. */
public final class UnknownConfigurationKeysException extends IllegalStateException {

    private final Map<String, String> keys;

    /** @param keys each unknown key with where it was set */
    public UnknownConfigurationKeysException(Map<String, String> keys) {
        super("Unknown configuration key" + (keys.size() == 1 ? " " : "s ") + String.join(", ", keys.keySet()));
        this.keys = Map.copyOf(keys);
    }

    /** One line: every key and its origin. */
    String describe() {
        return keys.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", ", "Unknown configuration key" + (keys.size() == 1 ? ": " : "s: "), ""));
    }
}
