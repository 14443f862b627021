package dev.switchboard.tools.example;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small GNU-style option reader for the client tools: {@code --name value}, {@code --name=value},
 * {@code -x value}, flags, repeatable options and positional arguments.
 */
final class CommandLine {

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * @param aliases short and long spellings mapped to one canonical long name
     * @param flags   canonical names that take no value
     */
    static CommandLine parse(String[] args, Map<String, String> aliases, Set<String> flags) {
        CommandLine cl = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-")) {
                cl.positional.add(arg);
                continue;
            }
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            String canonical = aliases.get(name);
            if (canonical == null) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            String value;
            if (flags.contains(canonical)) {
                if (inline != null) {
                    throw new IllegalArgumentException("option " + name + " takes no value");
                }
                value = "";
            } else if (inline != null) {
                value = inline;
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            cl.values.computeIfAbsent(canonical, k -> new ArrayList<>()).add(value);
        }
        return cl;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The last value given for {@code name}, or {@code fallback}. */
    String get(String name, String fallback) {
        List<String> list = values.get(name);
        return list == null ? fallback : list.get(list.size() - 1);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    List<String> positional() {
        return positional;
    }
}
