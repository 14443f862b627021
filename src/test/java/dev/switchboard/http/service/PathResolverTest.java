package dev.switchboard.http.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.http.service.PathResolver.Reason;
import dev.switchboard.http.service.PathResolver.Rejected;
import dev.switchboard.http.service.PathResolver.Resolved;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PathResolverTest {

    private static Resolved resolved(String target) {
        PathResolver.Result result = PathResolver.resolve(target);
        assertThat(result).isInstanceOf(Resolved.class);
        return (Resolved) result;
    }

    private static Reason rejected(String target) {
        PathResolver.Result result = PathResolver.resolve(target);
        assertThat(result).isInstanceOf(Rejected.class);
        return ((Rejected) result).reason();
    }

    @Test
    void resolve_whenRoot_thenNoSegmentsAndTrailingSlash() {
        Resolved root = resolved("/");
        assertThat(root.segments()).isEmpty();
        assertThat(root.trailingSlash()).isTrue();
    }

    @Test
    void resolve_whenNestedFile_thenSegmentsInOrderWithoutTrailingSlash() {
        Resolved file = resolved("/css/site.css");
        assertThat(file.segments()).containsExactly("css", "site.css");
        assertThat(file.trailingSlash()).isFalse();
    }

    @Test
    void resolve_whenQueryAndFragment_thenBothIgnoredForTheFileButQueryKept() {
        // The original mapped only a bare "/" to index.html; "/?x" fell through to 404 (spec §2.1).
        Resolved withQuery = resolved("/?x=1");
        assertThat(withQuery.segments()).isEmpty();
        assertThat(withQuery.trailingSlash()).isTrue();
        assertThat(withQuery.rawQuery()).isEqualTo("x=1");
        Resolved withFragment = resolved("/a.txt#top");
        assertThat(withFragment.segments()).containsExactly("a.txt");
        assertThat(withFragment.rawQuery()).isNull();
    }

    @Test
    void resolve_whenPercentEncoded_thenDecodedOnceAsUtf8() {
        assertThat(resolved("/hello%20world.txt").segments()).containsExactly("hello world.txt");
        assertThat(resolved("/caf%C3%A9.html").segments()).containsExactly("café.html");
    }

    @Test
    void resolve_whenRepeatedSlashes_thenEmptySegmentsSkipped() {
        assertThat(resolved("//a///b").segments()).containsExactly("a", "b");
    }

    @Test
    void resolve_whenAbsoluteForm_thenAuthorityDropped() {
        assertThat(resolved("http://example.com/a/b?q").segments()).containsExactly("a", "b");
        assertThat(resolved("HTTP://example.com").segments()).isEmpty();
        assertThat(resolved("https://example.com?q").rawQuery()).isEqualTo("q");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/../etc/passwd",          // plain dot-dot
        "/a/../../etc/passwd",     // dot-dot after a real segment
        "/%2e%2e/etc/passwd",      // encoded dots
        "/%2E%2E/etc/passwd",      // encoded dots, upper-case hex
        "/.%2e/etc/passwd",        // half encoded
        "/./index.html",           // single dot segment
        "/.git/config",            // hidden directory
        "/.env"                    // hidden file
    })
    void resolve_whenDotOrHiddenSegment_thenForbiddenSegment(String target) {
        assertThat(rejected(target)).isEqualTo(Reason.FORBIDDEN_SEGMENT);
    }

    @Test
    void resolve_whenDoubleEncodedDots_thenDecodedOnlyOnceToLiteralPercentText() {
        // %252e decodes to the three characters "%2e", never to a dot: no second decoding pass.
        assertThat(resolved("/%252e%252e/etc/passwd").segments()).containsExactly("%2e%2e", "etc", "passwd");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/a\\..\\secret",    // raw backslash
        "/a%5c..%5csecret",  // encoded backslash
        "/a%5C..",           // encoded backslash, upper-case hex
        "/a%00.txt",         // encoded NUL
        "/a\u0000.txt",      // raw NUL
        "/a%0d%0aX: y",      // encoded CR LF
        "/a%1f",             // encoded control character
        "/a%7f",             // encoded DEL
        "/a%",               // truncated escape
        "/a%2",              // truncated escape
        "/a%zz",             // not hex
        "/a%c3%28",          // invalid UTF-8
        "/a b",              // raw space
        "/caf\u00e9",        // raw non-ASCII
        "/a?x\u0001",        // control character in the query
        "*",                 // asterisk-form
        "index.html",        // not absolute
        ""
    })
    void resolve_whenMalformed_thenMalformed(String target) {
        assertThat(rejected(target)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void resolve_whenEncodedSlashInsideSegment_thenMalformed() {
        assertThat(rejected("/a%2Fb")).isEqualTo(Reason.MALFORMED);
        // An encoded slash cannot smuggle a dot-dot into one segment either.
        assertThat(rejected("/..%2fetc%2fpasswd")).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void resolve_whenDotSegmentAndLaterMalformed_thenMalformedWins() {
        assertThat(rejected("/../a%zz")).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void resolve_whenNameOnlyContainsDotsInside_thenAccepted() {
        assertThat(resolved("/archive.tar.gz").segments()).isEqualTo(List.of("archive.tar.gz"));
        assertThat(resolved("/a..b").segments()).isEqualTo(List.of("a..b"));
    }
}
