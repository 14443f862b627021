package dev.switchboard.http.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.http.service.ByteRanges.Partial;
import dev.switchboard.http.service.ByteRanges.Unsatisfiable;
import dev.switchboard.http.service.ByteRanges.Whole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangesTest {

    private static final long LENGTH = 100;

    @Test
    void decide_whenNoHeader_thenWhole() {
        assertThat(ByteRanges.decide(null, LENGTH)).isInstanceOf(Whole.class);
    }

    @Test
    void decide_whenClosedRange_thenThoseBytes() {
        assertThat(ByteRanges.decide("bytes=0-9", LENGTH)).isEqualTo(new Partial(0, 9));
        assertThat(((Partial) ByteRanges.decide("bytes=0-9", LENGTH)).length()).isEqualTo(10);
    }

    @Test
    void decide_whenOpenRange_thenToTheEnd() {
        assertThat(ByteRanges.decide("bytes=90-", LENGTH)).isEqualTo(new Partial(90, 99));
    }

    @Test
    void decide_whenLastPastTheEnd_thenClampedToTheEnd() {
        assertThat(ByteRanges.decide("bytes=50-1000", LENGTH)).isEqualTo(new Partial(50, 99));
        assertThat(ByteRanges.decide("bytes=50-99999999999999999999999", LENGTH)).isEqualTo(new Partial(50, 99));
    }

    @Test
    void decide_whenSuffixRange_thenLastBytes() {
        assertThat(ByteRanges.decide("bytes=-10", LENGTH)).isEqualTo(new Partial(90, 99));
        assertThat(ByteRanges.decide("bytes=-1000", LENGTH)).isEqualTo(new Partial(0, 99));
    }

    @Test
    void decide_whenUnitCaseAndSpacesVary_thenStillParsed() {
        assertThat(ByteRanges.decide(" Bytes = 1 - 2 ", LENGTH)).isEqualTo(new Partial(1, 2));
    }

    @Test
    void decide_whenFirstAtOrPastTheEnd_thenUnsatisfiable() {
        assertThat(ByteRanges.decide("bytes=100-", LENGTH)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRanges.decide("bytes=200-300", LENGTH)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRanges.decide("bytes=99999999999999999999-", LENGTH)).isInstanceOf(Unsatisfiable.class);
    }

    @Test
    void decide_whenZeroSuffixOrEmptyRepresentation_thenUnsatisfiable() {
        assertThat(ByteRanges.decide("bytes=-0", LENGTH)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRanges.decide("bytes=0-", 0)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRanges.decide("bytes=-5", 0)).isInstanceOf(Unsatisfiable.class);
    }

    @Test
    void decide_whenSeveralRanges_thenWholeUnlessNoneSatisfiable() {
        assertThat(ByteRanges.decide("bytes=0-1,5-6", LENGTH)).isInstanceOf(Whole.class);
        assertThat(ByteRanges.decide("bytes=0-1, 500-600", LENGTH)).isInstanceOf(Whole.class);
        assertThat(ByteRanges.decide("bytes=200-300,400-", LENGTH)).isInstanceOf(Unsatisfiable.class);
    }

    @Test
    void decide_whenEmptyListElements_thenSkipped() {
        assertThat(ByteRanges.decide("bytes=,0-1,", LENGTH)).isEqualTo(new Partial(0, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"items=0-1", "bytes", "bytes=", "bytes=a-b", "bytes=5-1", "bytes=1", "bytes=--1",
        "bytes=0-1,x", "bytes=+1-2", "0-1"})
    void decide_whenInvalid_thenIgnoredAndWhole(String header) {
        assertThat(ByteRanges.decide(header, LENGTH)).isInstanceOf(Whole.class);
    }
}
