package dev.switchboard.http.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.http.service.Preconditions.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PreconditionsTest {

    private static final Instant MODIFIED = Instant.parse("2026-11-20T10:00:00.500Z");
    private static final String TAG = EntityTags.of(42, MODIFIED);
    private static final String AT_MODIFIED = "Fri, 20 Nov 2026 10:00:00 GMT";
    private static final String BEFORE = "Thu, 19 Nov 2026 10:00:00 GMT";

    private static Outcome evaluate(String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince) {
        return Preconditions.evaluate(new RequestConditions(ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince,
                null, null), TAG, MODIFIED);
    }

    @Test
    void tag_whenLengthOrTimeDiffers_thenDifferentStrongQuotedTag() {
        assertThat(TAG).startsWith("\"").endsWith("\"");
        assertThat(EntityTags.of(43, MODIFIED)).isNotEqualTo(TAG);
        assertThat(EntityTags.of(42, MODIFIED.plusSeconds(1))).isNotEqualTo(TAG);
    }

    @Test
    void evaluate_whenNoConditions_thenProceed() {
        assertThat(Preconditions.evaluate(RequestConditions.NONE, TAG, MODIFIED)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void evaluate_whenIfNoneMatchNamesTheTag_thenNotModified() {
        assertThat(evaluate(null, TAG, null, null)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(evaluate(null, "\"other\", " + TAG, null, null)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(evaluate(null, "W/" + TAG, null, null)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(evaluate(null, "*", null, null)).isEqualTo(Outcome.NOT_MODIFIED);
    }

    @Test
    void evaluate_whenIfNoneMatchDiffers_thenProceedEvenIfModifiedSinceWouldMatch() {
        // If-None-Match takes precedence over If-Modified-Since (RFC 9110 §13.2.2 step 3-4).
        assertThat(evaluate(null, "\"other\"", AT_MODIFIED, null)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void evaluate_whenIfModifiedSinceAtOrAfterModification_thenNotModified() {
        assertThat(evaluate(null, null, AT_MODIFIED, null)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(evaluate(null, null, BEFORE, null)).isEqualTo(Outcome.PROCEED);
        assertThat(evaluate(null, null, "not a date", null)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void evaluate_whenIfMatchFails_thenPreconditionFailed() {
        assertThat(evaluate("\"other\"", null, null, null)).isEqualTo(Outcome.PRECONDITION_FAILED);
        // If-Match uses the strong comparison: a weak tag never matches.
        assertThat(evaluate("W/" + TAG, null, null, null)).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(evaluate(TAG, null, null, null)).isEqualTo(Outcome.PROCEED);
        assertThat(evaluate("*", null, null, null)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void evaluate_whenIfUnmodifiedSinceBeforeModification_thenPreconditionFailed() {
        assertThat(evaluate(null, null, null, BEFORE)).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(evaluate(null, null, null, AT_MODIFIED)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void rangeAllowed_whenIfRangeMatchesStronglyOrByExactDate_thenTrue() {
        assertThat(Preconditions.rangeAllowed(ifRange(null), TAG, MODIFIED)).isTrue();
        assertThat(Preconditions.rangeAllowed(ifRange(TAG), TAG, MODIFIED)).isTrue();
        assertThat(Preconditions.rangeAllowed(ifRange(AT_MODIFIED), TAG, MODIFIED)).isTrue();
    }

    @Test
    void rangeAllowed_whenIfRangeStaleOrWeak_thenFalse() {
        assertThat(Preconditions.rangeAllowed(ifRange("\"other\""), TAG, MODIFIED)).isFalse();
        assertThat(Preconditions.rangeAllowed(ifRange("W/" + TAG), TAG, MODIFIED)).isFalse();
        assertThat(Preconditions.rangeAllowed(ifRange(BEFORE), TAG, MODIFIED)).isFalse();
        assertThat(Preconditions.rangeAllowed(ifRange("garbage"), TAG, MODIFIED)).isFalse();
    }

    private static RequestConditions ifRange(String value) {
        return new RequestConditions(null, null, null, null, "bytes=0-1", value);
    }
}
