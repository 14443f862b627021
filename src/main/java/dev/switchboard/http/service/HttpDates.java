package dev.switchboard.http.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Formats and parses HTTP dates (RFC 9110 §5.6.7).
 *
 * <p>Sends only IMF-fixdate; accepts IMF-fixdate, the obsolete RFC 850 form and asctime as
 * recipients must. {@link DateTimeFormatter#RFC_1123_DATE_TIME} is not used for output because it
 * writes single-digit days without the leading zero IMF-fixdate requires.
 */
public final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            // Two-digit years map to 1970-2069: a fixed window keeps parsing independent of the
            // wall clock, and no file served here predates 1970 or outlives 2069 in practice.
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /** The IMF-fixdate form of an instant, truncated to whole seconds. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The instant an HTTP date names, or null when the text is not a valid HTTP date. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        for (DateTimeFormatter formatter : new DateTimeFormatter[] {IMF_FIXDATE, RFC_850, ASCTIME}) {
            try {
                return ZonedDateTime.parse(trimmed, formatter).toInstant();
            } catch (DateTimeParseException e) {
                // not this form; try the next one
            }
        }
        return null;
    }
}
