package dev.switchboard.sea.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionClassTest {

    @Test
    void parse_whenSpecExample_thenAllFieldsRead() {
        ConnectionClass cls = ConnectionClass.parse("192.168.0.0/24:7:2:180");

        assertThat(cls.block()).isEqualTo(Ipv4Cidr.parse("192.168.0.0/24"));
        assertThat(cls.loginTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(cls.maxConnections()).isEqualTo(2);
        assertThat(cls.maxPenalty()).isEqualTo(Duration.ofSeconds(180));
        assertThat(cls.maxPenaltySeconds()).isEqualTo(180);
        assertThat(cls).hasToString("192.168.0.0/24:7:2:180");
    }

    @Test
    void parse_whenPlainAddress_thenSingleAddressClass() {
        ConnectionClass cls = ConnectionClass.parse("10.0.0.9:30:1:10");

        assertThat(cls.block().prefixLength()).isEqualTo(32);
        assertThat(cls).hasToString("10.0.0.9:30:1:10");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // input | effective (clamped silently, §12.3)
            "10.0.0.0/8:0:0:0|10.0.0.0/8:1:1:10",
            "10.0.0.0/8:-7:-2:-180|10.0.0.0/8:1:1:10",
            "10.0.0.0/8:86400:1:10|10.0.0.0/8:86400:1:10",
            "10.0.0.0/8:86401:1:10|10.0.0.0/8:86400:1:10",
            "10.0.0.0/8:999999999999999999999:99999999999999:9|10.0.0.0/8:86400:2147483647:10",
            "10.0.0.0/8:1:1:9|10.0.0.0/8:1:1:10",
            "10.0.0.0/8:1:1:11|10.0.0.0/8:1:1:11",
            "10.1.2.3/8:30:3:10|10.0.0.0/8:30:3:10",
    })
    void parse_whenValuesOutOfBounds_thenClamped(String text, String effective) {
        assertThat(ConnectionClass.parse(text)).hasToString(effective);
        assertThat(ConnectionClass.parse(effective)).isEqualTo(ConnectionClass.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|must not be empty",
            "10.0.0.0/8|expected address[/prefix]:login_timeout:max_conns:max_penalty",
            "10.0.0.0/8:1:2|expected address[/prefix]:login_timeout:max_conns:max_penalty",
            "10.0.0.0/8:1:2:3:4|expected address[/prefix]:login_timeout:max_conns:max_penalty",
            "10.0.0/8:1:2:10|expected four dot-separated octets",
            "10.0.0.0/40:1:2:10|prefix length 40 is out of range",
            "10.0.0.0/8:x:2:10|login_timeout 'x' is not a decimal integer",
            "10.0.0.0/8:1:two:10|max_conns 'two' is not a decimal integer",
            "10.0.0.0/8:1:2:|max_penalty '' is not a decimal integer",
            "10.0.0.0/8:1.5:2:10|login_timeout '1.5' is not a decimal integer",
            "10.0.0.0/8: 1:2:10|login_timeout ' 1' is not a decimal integer",
    })
    void parse_whenMalformed_thenIllegalArgumentNamingThePart(String text, String reason) {
        assertThatThrownBy(() -> ConnectionClass.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void parse_whenNull_thenIllegalArgument() {
        assertThatThrownBy(() -> ConnectionClass.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be empty");
    }

    @Test
    void new_whenDurationsOutOfBoundsOrFractional_thenClampedToWholeSeconds() {
        ConnectionClass cls = new ConnectionClass(Ipv4Cidr.parse("10.0.0.0/8"), Duration.ofMillis(1500), 0,
                Duration.ofMillis(12_900));

        assertThat(cls.loginTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(cls.maxConnections()).isEqualTo(1);
        assertThat(cls.maxPenalty()).isEqualTo(Duration.ofSeconds(12));
        assertThat(new ConnectionClass(cls.block(), Duration.ofDays(2), 5, Duration.ofSeconds(-1)))
                .hasToString("10.0.0.0/8:86400:5:10");
        assertThat(new ConnectionClass(cls.block(), Duration.ofMillis(300), 5, Duration.ZERO).loginTimeout())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void new_whenComponentMissing_thenIllegalArgument() {
        Ipv4Cidr block = Ipv4Cidr.parse("10.0.0.0/8");
        Duration d = Duration.ofSeconds(10);

        assertThatThrownBy(() -> new ConnectionClass(null, d, 1, d)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs block, loginTimeout and maxPenalty");
        assertThatThrownBy(() -> new ConnectionClass(block, null, 1, d)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectionClass(block, d, 1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void referenceDefault_whenRead_thenThirtySecondsUnlimitedTen() {
        ConnectionClass cls = ConnectionClass.REFERENCE_DEFAULT;

        assertThat(cls.block()).hasToString("0.0.0.0/0");
        assertThat(cls.loginTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cls.maxConnections()).isEqualTo(ConnectionClass.UNLIMITED);
        assertThat(cls.maxPenaltySeconds()).isEqualTo(10);
        assertThat(cls.admits(1_000_000)).isTrue();
    }

    @Test
    void admits_whenLoggedInCountReachesMax_thenRefused() {
        // §12.3: closed if the count of logged-in sessions with that exact IP is already ≥ max_conns
        ConnectionClass cls = ConnectionClass.parse("192.168.0.0/24:7:2:180");

        assertThat(cls.admits(0)).isTrue();
        assertThat(cls.admits(1)).isTrue();
        assertThat(cls.admits(2)).isFalse();
        assertThat(cls.admits(3)).isFalse();
    }

    @Test
    void everyAddress_whenBuilt_thenCoversAllAndClamps() {
        ConnectionClass cls = ConnectionClass.everyAddress(Duration.ofSeconds(0), 0, Duration.ofSeconds(3));

        assertThat(cls).hasToString("0.0.0.0/0:1:1:10");
    }
}
