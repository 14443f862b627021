package dev.switchboard.example.message;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One example-protocol message (spec §3.1): routing, sent-from, command and parameters.
 *
 * <p>Names are stored as received: the parser is lenient (§3.2, "receivers are more lenient") and only
 * the serializer enforces the sender rules. Empty strings stand for "absent"; parameters are kept in a
 * {@link TreeMap}, whose natural {@link String} order is the byte order §3.4 requires for ASCII names.
 */
public record ExampleMessage(
        String sentFromServer,
        String sentFromService,
        String server,
        String service,
        String command,
        SortedMap<String, String> parameters) {

    public ExampleMessage {
        sentFromServer = Objects.requireNonNullElse(sentFromServer, "");
        sentFromService = Objects.requireNonNullElse(sentFromService, "");
        server = Objects.requireNonNullElse(server, "");
        service = Objects.requireNonNullElse(service, "");
        command = Objects.requireNonNull(command, "command");
        parameters = parameters == null
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }

    /** A message with only a command. */
    public static ExampleMessage of(String command) {
        return new ExampleMessage("", "", "", "", command, null);
    }

    /** A message with a command and parameters. */
    public static ExampleMessage of(String command, Map<String, String> parameters) {
        return new ExampleMessage("", "", "", "", command, new TreeMap<>(parameters));
    }

    /** This message with one more parameter (replacing any earlier value of that name). */
    public ExampleMessage withParameter(String name, String value) {
        TreeMap<String, String> copy = new TreeMap<>(parameters);
        copy.put(name, value);
        return new ExampleMessage(sentFromServer, sentFromService, server, service, command, copy);
    }

    /** This message sent to {@code server:service/}. */
    public ExampleMessage withDestination(String newServer, String newService) {
        return new ExampleMessage(sentFromServer, sentFromService, newServer, newService, command, parameters);
    }

    /** The value of a parameter, or {@code null} when absent. */
    public String parameter(String name) {
        return parameters.get(name);
    }
}
