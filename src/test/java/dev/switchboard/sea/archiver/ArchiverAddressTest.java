package dev.switchboard.sea.archiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiverAddressTest {

    @Test
    void parse_whenTcpUri_thenHostAndPort() {
        assertThat(ArchiverAddress.parse("tcp://10.0.0.2:9000")).isEqualTo(new ArchiverAddress.Tcp("10.0.0.2", 9000));
        assertThat(ArchiverAddress.parse(" tcp://archiver.local:65535 "))
                .isEqualTo(new ArchiverAddress.Tcp("archiver.local", 65535));
        assertThat(ArchiverAddress.parse("tcp://[::1]:7000")).isEqualTo(new ArchiverAddress.Tcp("::1", 7000));
    }

    @Test
    void parse_whenUnixForm_thenAbsolutePath() {
        assertThat(ArchiverAddress.parse("unix:/run/sea/archiver.sock"))
                .isEqualTo(new ArchiverAddress.Unix(Path.of("/run/sea/archiver.sock")));
    }

    @Test
    void parse_whenReferenceForms_thenAccepted() {
        // §13.2: "a.b.c.d:port" and an absolute path, as given to the reference's -a option.
        assertThat(ArchiverAddress.parse("192.168.0.1:1")).isEqualTo(new ArchiverAddress.Tcp("192.168.0.1", 1));
        assertThat(ArchiverAddress.parse("/var/run/arch")).isEqualTo(new ArchiverAddress.Unix(Path.of("/var/run/arch")));
    }

    @Test
    void toString_whenParsed_thenCanonicalAndReparsable() {
        for (String text : new String[] {"tcp://10.0.0.2:9000", "tcp://[::1]:7000", "unix:/run/a.sock"}) {
            ArchiverAddress address = ArchiverAddress.parse(text);
            assertThat(address).hasToString(text);
            assertThat(ArchiverAddress.parse(address.toString())).isEqualTo(address);
        }
        assertThat(ArchiverAddress.parse("10.0.0.2:9000")).hasToString("tcp://10.0.0.2:9000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://10.0.0.2", "tcp://:9000", "tcp://10.0.0.2:9000/x", "tcp://u@10.0.0.2:9000",
            "tcp://10.0.0.2:9000?q", "http://10.0.0.2:9000", "archiver", "12", "10.0.0.256:80",
            "unix:", "unix:relative/path", "relative.sock"})
    void parse_whenMalformed_thenClearError(String text) {
        assertThatThrownBy(() -> ArchiverAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid archiver address '" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://10.0.0.2:0", "tcp://10.0.0.2:65536", "10.0.0.2:70000", "10.0.0.2:0"})
    void parse_whenPortOutOfRange_thenClearError(String text) {
        assertThatThrownBy(() -> ArchiverAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port must be 1..65535");
    }

    @Test
    void parse_whenEmpty_thenClearError() {
        assertThatThrownBy(() -> ArchiverAddress.parse(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void parse_whenUnixPathTooLongForSunPath_thenClearError() {
        String path = "/" + "a".repeat(107);
        assertThatThrownBy(() -> ArchiverAddress.parse("unix:" + path))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the limit is 107");
    }
}
