package dev.switchboard.http.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MimeTypesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the original's table (spec §2.6), text types now with a charset
        "a.aac|audio/aac",
        "a.arc|application/x-freearc",
        "a.bin|application/octet-stream",
        "a.bmp|image/bmp",
        "a.css|text/css; charset=utf-8",
        "a.csv|text/csv; charset=utf-8",
        "a.gif|image/gif",
        "a.html|text/html; charset=utf-8",
        "a.ico|image/vnd.microsoft.icon",
        "a.ics|text/calendar; charset=utf-8",
        "a.jpg|image/jpeg",
        "a.jpeg|image/jpeg",
        "a.js|text/javascript; charset=utf-8",
        "a.mjs|text/javascript; charset=utf-8",
        "a.json|application/json",
        "a.mp3|audio/mpeg",
        "a.png|image/png",
        "a.pdf|application/pdf",
        "a.sh|application/x-sh",
        "a.tar|application/x-tar",
        "a.txt|text/plain; charset=utf-8",
        "a.xhtml|application/xhtml+xml; charset=utf-8",
        "a.xml|application/xml; charset=utf-8",
        "a.zip|application/zip",
        // types the original lacked (spec §7)
        "a.htm|text/html; charset=utf-8",
        "a.svg|image/svg+xml",
        "a.wasm|application/wasm",
        "a.webp|image/webp",
        "a.woff2|font/woff2",
        "a.mp4|video/mp4"
    })
    void forFileName_whenKnownExtension_thenItsType(String name, String type) {
        assertThat(MimeTypes.forFileName(name)).isEqualTo(type);
    }

    @Test
    void forFileName_whenUpperCaseExtension_thenMatchedCaseInsensitively() {
        assertThat(MimeTypes.forFileName("PHOTO.JPG")).isEqualTo("image/jpeg");
        assertThat(MimeTypes.forFileName("Index.Html")).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void forFileName_whenSeveralDots_thenLastExtensionCounts() {
        assertThat(MimeTypes.forFileName("backup.tar.gz")).isEqualTo("application/gzip");
        assertThat(MimeTypes.forFileName("jquery.min.js")).isEqualTo("text/javascript; charset=utf-8");
    }

    @Test
    void forFileName_whenUnknownOrMissingExtension_thenOctetStream() {
        assertThat(MimeTypes.forFileName("a.unknownext")).isEqualTo(MimeTypes.DEFAULT);
        assertThat(MimeTypes.forFileName("Makefile")).isEqualTo(MimeTypes.DEFAULT);
        assertThat(MimeTypes.forFileName("trailingdot.")).isEqualTo(MimeTypes.DEFAULT);
        assertThat(MimeTypes.DEFAULT).isEqualTo("application/octet-stream");
    }
}
