package dev.switchboard.tools.codec.example;

/** The sender's name rules (example-protocol.md §3.2); only ASCII letters count, as the reference compares bytes. */
public final class ExampleNames {

    private ExampleNames() {
    }

    /** A command: {@code A-Z 0-9 _} (uppercase only), non-empty, no leading digit. */
    public static boolean isCommand(String name) {
        return isName(name, false);
    }

    /** A parameter name: {@code A-Z a-z 0-9 _}, non-empty, no leading digit. */
    public static boolean isParameter(String name) {
        return isName(name, true);
    }

    /** A sent-from server or service: a parameter-style name, or empty. */
    public static boolean isSentFrom(String name) {
        return name.isEmpty() || isName(name, true);
    }

    /** A destination server or service: a sent-from name, or exactly one wildcard {@code .}, {@code *} or {@code ?}. */
    public static boolean isRoute(String name) {
        return name.equals(".") || name.equals("*") || name.equals("?") || isSentFrom(name);
    }

    private static boolean isName(String name, boolean lowercase) {
        if (name == null || name.isEmpty() || name.charAt(0) >= '0' && name.charAt(0) <= '9') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || lowercase && c >= 'a' && c <= 'z';
            if (!letter && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }
}
