package dev.switchboard.example.codec;

import dev.switchboard.example.message.ExampleMessage;

/** Outcome of parsing one line: a message, or the reason the line is INVALID (spec §3.3). */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Invalid {

    /** The line parsed into {@code message}. */
    record Parsed(ExampleMessage message) implements ParseResult {
    }

    /** The line is INVALID; {@code reason} says which rule of §3.3 it broke. */
    record Invalid(String reason) implements ParseResult {
    }
}
