package dev.switchboard.core.admin;

/**
 * Where a field an operator sent to the wrong endpoint really belongs, so the refusal can say so
 * (for example {@code banTimeout} on {@code /actuator/sea} is set through {@code /actuator/bans}).
 *
 * @param endpoint the endpoint id the field was sent to
 * @param field    the field name
 * @param hint     a sentence naming the right call
 */
public record AdminFieldHint(String endpoint, String field, String hint) {
}
