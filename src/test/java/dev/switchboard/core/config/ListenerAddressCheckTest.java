package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.core.listener.Transport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** When two listener configurations would fight over one socket. */
class ListenerAddressCheckTest {

    private static ListenerProperties listener(Transport transport, String host, Integer port, Path path) {
        return new ListenerProperties(true, transport, host, port, path, 1024, DataSize.ofKilobytes(32),
                DataSize.ofKilobytes(64));
    }

    @Test
    void clash_whenSamePortAndOverlappingHosts_thenTrue() {
        assertThat(ListenerAddressCheck.clash(listener(Transport.TCP, "0.0.0.0", 9000, null),
                listener(Transport.TCP, "127.0.0.1", 9000, null))).isTrue();
        assertThat(ListenerAddressCheck.clash(listener(Transport.TCP, "127.0.0.1", 9000, null),
                listener(Transport.TCP, "127.0.0.1", 9000, null))).isTrue();
        assertThat(ListenerAddressCheck.clash(listener(Transport.UNIX, "0.0.0.0", null, Path.of("a/s.sock")),
                listener(Transport.UNIX, "0.0.0.0", null, Path.of("a/../a/s.sock")))).isTrue();
    }

    @Test
    void clash_whenDifferentSocket_thenFalse() {
        assertThat(ListenerAddressCheck.clash(listener(Transport.TCP, "0.0.0.0", 9000, null),
                listener(Transport.UDP, "0.0.0.0", 9000, null))).isFalse();
        assertThat(ListenerAddressCheck.clash(listener(Transport.TCP, "127.0.0.1", 9000, null),
                listener(Transport.TCP, "127.0.0.2", 9000, null))).isFalse();
        assertThat(ListenerAddressCheck.clash(listener(Transport.TCP, "0.0.0.0", 0, null),
                listener(Transport.TCP, "0.0.0.0", 0, null))).isFalse();
        assertThat(ListenerAddressCheck.clash(listener(Transport.TCP, "0.0.0.0", 9000, null),
                listener(Transport.TCP, "0.0.0.0", 9001, null))).isFalse();
    }
}
