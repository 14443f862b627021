package dev.switchboard.http.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

    private static final Instant SAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void format_whenSingleDigitDay_thenImfFixdateWithLeadingZero() {
        assertThat(HttpDates.format(SAMPLE)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void format_whenFractionalSeconds_thenTruncated() {
        assertThat(HttpDates.format(SAMPLE.plusMillis(999))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void parse_whenEachOfTheThreeFormsOfRfc9110_thenSameInstant() {
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(SAMPLE);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(SAMPLE);
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).isEqualTo(SAMPLE);
    }

    @Test
    void parse_whenRfc850TwoDigitYearBelow70_thenThisCentury() {
        assertThat(HttpDates.parse("Friday, 01-Jan-27 00:00:00 GMT")).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void parse_whenGarbageOrWrongWeekday_thenNull() {
        assertThat(HttpDates.parse("yesterday")).isNull();
        assertThat(HttpDates.parse("Mon, 06 Nov 1994 08:49:37 GMT")).isNull();
        assertThat(HttpDates.parse(null)).isNull();
    }

    @Test
    void formatThenParse_whenAnyInstant_thenRoundTripsToTheSecond() {
        Instant instant = Instant.parse("2026-11-23T09:01:05.123Z");
        assertThat(HttpDates.parse(HttpDates.format(instant))).isEqualTo(Instant.parse("2026-11-23T09:01:05Z"));
    }
}
