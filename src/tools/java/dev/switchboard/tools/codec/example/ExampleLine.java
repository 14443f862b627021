package dev.switchboard.tools.codec.example;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One example-protocol message as a client sees it (example-protocol.md §3.1): who sent it, where it
 * goes, the command and its parameters. Empty strings stand for absent names; parameters are sorted by
 * name, which for ASCII names is the byte order the serializer writes them in (§3.4).
 */
public record ExampleLine(
        String sentFromServer,
        String sentFromService,
        String server,
        String service,
        String command,
        SortedMap<String, String> parameters) {

    /** Names the offending command in {@code UNKNOWN} and {@code INVALID} replies (§5). */
    public static final String PARAM_COMMAND = "command";
    /** The log-rotate secret (§8). */
    public static final String PARAM_SECRET_CODE = "secret_code";

    public ExampleLine {
        sentFromServer = Objects.requireNonNullElse(sentFromServer, "");
        sentFromService = Objects.requireNonNullElse(sentFromService, "");
        server = Objects.requireNonNullElse(server, "");
        service = Objects.requireNonNullElse(service, "");
        Objects.requireNonNull(command, "command");
        parameters = Collections.unmodifiableSortedMap(parameters == null ? new TreeMap<>() : new TreeMap<>(parameters));
    }

    /** A message with only a command. */
    public static ExampleLine of(String command) {
        return new ExampleLine("", "", "", "", command, null);
    }

    /** A message with a command and parameters. */
    public static ExampleLine of(String command, Map<String, String> parameters) {
        return new ExampleLine("", "", "", "", command, new TreeMap<>(parameters));
    }

    /** This message with parameter {@code name} set to {@code value} (a repeated name keeps the last value). */
    public ExampleLine withParameter(String name, String value) {
        TreeMap<String, String> copy = new TreeMap<>(parameters);
        copy.put(name, value);
        return new ExampleLine(sentFromServer, sentFromService, server, service, command, copy);
    }

    /** This message addressed to {@code newServer:newService/}. */
    public ExampleLine withDestination(String newServer, String newService) {
        return new ExampleLine(sentFromServer, sentFromService, newServer, newService, command, parameters);
    }

    /** The value of parameter {@code name}, or {@code null}. */
    public String parameter(String name) {
        return parameters.get(name);
    }
}
