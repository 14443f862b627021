package dev.switchboard.tools.example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spec §1 address strings. */
class AddressTest {

    @Test
    void parse_whenForms_thenHostAndPortWithDefaults() {
        assertThat(Address.parse("127.0.0.1:3001", 4041)).isEqualTo(new Address("127.0.0.1", 3001));
        assertThat(Address.parse("10.0.0.1", 4041)).isEqualTo(new Address("10.0.0.1", 4041));
        assertThat(Address.parse(":3003", 4041)).isEqualTo(new Address("127.0.0.1", 3003));
        assertThat(Address.parse("", 4041)).isEqualTo(new Address("127.0.0.1", 4041));
        assertThat(Address.parse("[::1]:3001", 4041)).isEqualTo(new Address("::1", 3001));
        assertThat(Address.parse("[::1]", 4041)).isEqualTo(new Address("::1", 4041));
        assertThat(Address.parse("localhost:7", 1)).isEqualTo(new Address("localhost", 7));
        assertThat(new Address("::1", 3001)).hasToString("[::1]:3001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "[::1", "[::1]x", "host:", "host:0", "host:65536", "host:abc"})
    void parse_whenMalformed_thenRejected(String text) {
        assertThatThrownBy(() -> Address.parse(text, 4041)).isInstanceOf(IllegalArgumentException.class);
    }
}
