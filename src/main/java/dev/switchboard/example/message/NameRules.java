package dev.switchboard.example.message;

/**
 * The sender-side name rules of spec §3.2 (REF {@code verify_message_name}).
 *
 * <p>Only ASCII letters count: REF compares bytes, so a non-ASCII letter never passes.
 */
public final class NameRules {

    private NameRules() {
    }

    /** A command: {@code A-Z 0-9 _}, uppercase only, non-empty, not starting with a digit. */
    public static boolean isValidCommand(String name) {
        return isName(name, false);
    }

    /** A parameter name: {@code A-Z a-z 0-9 _}, non-empty, not starting with a digit. */
    public static boolean isValidParameterName(String name) {
        return isName(name, true);
    }

    /** A sent-from server or service: like a parameter name, but may be empty. */
    public static boolean isValidSentFromName(String name) {
        return name.isEmpty() || isName(name, true);
    }

    /** A destination server or service: like a sent-from name, or exactly one routing wildcard {@code . * ?}. */
    public static boolean isValidRouteName(String name) {
        return name.equals(".") || name.equals("*") || name.equals("?") || isValidSentFromName(name);
    }

    private static boolean isName(String name, boolean lowercaseAllowed) {
        if (name == null || name.isEmpty() || isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_'
                    || (lowercaseAllowed && c >= 'a' && c <= 'z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
