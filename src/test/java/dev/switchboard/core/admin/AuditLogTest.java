package dev.switchboard.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link AuditLog#value}: every request value becomes one logfmt value that cannot break the line. */
class AuditLogTest {

    @Test
    void value_whenPlain_thenAsIs() {
        assertThat(AuditLog.value("10.1.0.0/16")).isEqualTo("10.1.0.0/16");
        assertThat(AuditLog.value("*evil*")).isEqualTo("*evil*");
        assertThat(AuditLog.value("ёж")).isEqualTo("ёж");
    }

    @Test
    void value_whenSpacesEqualsOrQuotes_thenQuotedAndEscaped() {
        assertThat(AuditLog.value("x result=ok")).isEqualTo("\"x result=ok\"");
        assertThat(AuditLog.value("say \"hi\" \\o/")).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
        assertThat(AuditLog.value("")).isEqualTo("\"\"");
        assertThat(AuditLog.value(null)).isEqualTo("null");
    }

    @Test
    void value_whenControlOrInvisibleCharacters_thenEscapedAsUnicode() {
        assertThat(AuditLog.value("127.0.0.77\n")).isEqualTo("\"127.0.0.77\\u000a\"");
        assertThat(AuditLog.value("a\u0000b\rc\td")).isEqualTo("\"a\\u0000b\\u000dc\\u0009d\"");
        assertThat(AuditLog.value("\u202egnp.exe")).isEqualTo("\"\\u202egnp.exe\"");
        assertThat(AuditLog.value("zero\u200dwidth\u2028line\u00a0nbsp")).isEqualTo(
                "\"zero\\u200dwidth\\u2028line\\u00a0nbsp\"");
        assertThat(AuditLog.value("del\u007f\u0085")).isEqualTo("\"del\\u007f\\u0085\"");
    }
}
