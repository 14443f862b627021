package dev.switchboard.http.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Property tests of request-target resolution ({@link PathResolver}) and Range parsing ({@link ByteRanges}). */
class PathAndRangeFuzzTest {

    private static final Path ROOT = Path.of("/srv/www").toAbsolutePath();

    // --- PathResolver ---

    @Property
    void resolve_whenAnyTarget_thenSafeSegmentsOrARefusal(@ForAll("targets") String target) {
        PathResolver.Result result = PathResolver.resolve(target);
        if (result instanceof PathResolver.Resolved resolved) {
            Path file = ROOT;
            for (String segment : resolved.segments()) {
                assertThat(segment).isNotEmpty().doesNotStartWith(".").doesNotContain("/", "\\", "\u0000");
                assertThat(segment.chars()).noneMatch(c -> c < 0x20 || c == 0x7F);
                file = file.resolve(segment);
            }
            assertThat(file.normalize().startsWith(ROOT)).as("%s stays below the root", file).isTrue();
        } else {
            assertThat(result).isInstanceOf(PathResolver.Rejected.class);
        }
    }

    @Property
    void resolve_whenSegmentsPercentEncoded_thenSameSegmentsBack(@ForAll("segments") List<String> segments,
            @ForAll boolean trailingSlash, @ForAll boolean absoluteForm) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        if (trailingSlash || segments.isEmpty()) {
            path.append('/');
        }
        String target = (absoluteForm ? "http://example.test" : "") + path + "?q=1";

        PathResolver.Result result = PathResolver.resolve(target);

        assertThat(result).isInstanceOf(PathResolver.Resolved.class);
        PathResolver.Resolved resolved = (PathResolver.Resolved) result;
        assertThat(resolved.segments()).isEqualTo(segments);
        assertThat(resolved.trailingSlash()).isEqualTo(trailingSlash || segments.isEmpty());
        assertThat(resolved.rawQuery()).isEqualTo("q=1");
    }

    // --- ByteRanges ---

    @Property
    void decide_whenAnyHeader_thenDecisionWithinTheRepresentation(@ForAll("rangeHeaders") String header,
            @ForAll @LongRange(max = 1L << 40) long length) {
        ByteRanges.Decision decision = ByteRanges.decide(header, length);
        if (decision instanceof ByteRanges.Partial partial) {
            assertThat(partial.first()).isBetween(0L, partial.last());
            assertThat(partial.last()).isLessThan(length);
            assertThat(partial.length()).isBetween(1L, length);
        } else {
            assertThat(decision).isInstanceOfAny(ByteRanges.Whole.class, ByteRanges.Unsatisfiable.class);
        }
    }

    @Property
    void decide_whenOneWellFormedRange_thenTheRfcAnswer(@ForAll @LongRange(max = 5000) long first,
            @ForAll @LongRange(max = 5000) long span, @ForAll boolean open, @ForAll boolean suffix,
            @ForAll @LongRange(max = 3000) long length) {
        ByteRanges.Decision decision;
        if (suffix) {
            decision = ByteRanges.decide("bytes=-" + span, length);
            if (span == 0 || length == 0) {
                assertThat(decision).isInstanceOf(ByteRanges.Unsatisfiable.class);
            } else {
                assertThat(decision).isEqualTo(new ByteRanges.Partial(Math.max(0, length - span), length - 1));
            }
            return;
        }
        long last = first + span;
        decision = ByteRanges.decide("bytes=" + first + "-" + (open ? "" : String.valueOf(last)), length);
        if (first >= length) {
            assertThat(decision).isInstanceOf(ByteRanges.Unsatisfiable.class);
        } else {
            assertThat(decision).isEqualTo(new ByteRanges.Partial(first, open ? length - 1 : Math.min(last, length - 1)));
        }
    }

    // --- generators ---

    @Provide
    Arbitrary<String> targets() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("/", "//", ".", "..", "%2e", "%2E%2e", "%252e", "%2f", "%5c", "\\", "%00", "%", "%g1",
                        "%c0%af", "%e2%80%ae", "?", "#", "~", ".hidden", "a", "index.html", "http://", "HTTPS://h",
                        " ", "\t", "\u00e9", "%ff", ";", "%3f"),
                Arbitraries.strings().ofMaxLength(4));
        return piece.list().ofMaxSize(8).map(p -> String.join("", p));
    }

    @Provide
    Arbitrary<List<String>> segments() {
        Arbitrary<String> segment = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z')
                        .withChars("-_~ ").ofMinLength(1).ofMaxLength(1),
                Arbitraries.strings().withCharRange('\u0020', '\ud7ff').ofMaxLength(10))
                .as(String::concat)
                .filter(s -> s.chars().noneMatch(c -> c == '/' || c == '\\' || c == 0x7F));
        return segment.list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> rangeHeaders() {
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.longs().between(0, 10_000).map(String::valueOf),
                Arbitraries.of("", "99999999999999999999999", "-1", "1e3", " 5", "0x10", "٣"));
        Arbitrary<String> spec = Combinators.combine(number, Arbitraries.of("-", "", "--", " - "), number)
                .as((a, dash, b) -> a + dash + b);
        Arbitrary<String> unit = Arbitraries.of("bytes=", "BYTES =", "items=", "bytes", "=", "");
        return Arbitraries.oneOf(
                Combinators.combine(unit, spec.list().ofMaxSize(4)).as((u, specs) -> u + String.join(",", specs)),
                Arbitraries.strings().withChars("bytes=0123456789-, ").ofMaxLength(30));
    }
}
