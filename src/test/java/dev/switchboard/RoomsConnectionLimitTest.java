package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.config.ConflictingSettingsException;
import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.core.listener.Transport;
import dev.switchboard.http.HttpProperties;
import dev.switchboard.rooms.RoomsProperties;
import dev.switchboard.rooms.support.TestRoomsProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The rooms connection limit against the caps of the HTTP listeners rooms connections arrive on. */
class RoomsConnectionLimitTest {

    private static HttpProperties http(int httpMax, int legacyMax) {
        return new HttpProperties(new HttpProperties.Listeners(
                capped(httpMax), capped(legacyMax)),
                Path.of(".").toString(), Duration.ofSeconds(5), Duration.ofSeconds(10), 4096,
                DataSize.ofKilobytes(8), DataSize.ofKilobytes(64), Duration.ZERO, List.of("/", "/ws"),
                new HttpProperties.OpenFileCache(1000, DataSize.ofMegabytes(8), DataSize.ofKilobytes(64),
                        Duration.ofSeconds(1)));
    }

    private static ListenerProperties capped(int maxConnections) {
        return new ListenerProperties(true, Transport.TCP, "0.0.0.0", 0, null, 1024, DataSize.ofKilobytes(32),
                DataSize.ofKilobytes(64), maxConnections, 256);
    }

    private static RoomsProperties rooms(int maxConnections) {
        TestRoomsProperties settings = new TestRoomsProperties();
        settings.maxConnections = maxConnections;
        return settings.build();
    }

    @Test
    void resolve_whenUnset_thenSumOfTheHttpListenersCaps() {
        assertThat(RoomsConnectionLimit.resolve(rooms(0), http(4000, 4000))).isEqualTo(8000);
        assertThat(RoomsConnectionLimit.resolve(rooms(0), http(300, 20))).isEqualTo(320);
    }

    @Test
    void resolve_whenAtOrBelowTheSum_thenAsConfigured() {
        assertThat(RoomsConnectionLimit.resolve(rooms(8000), http(4000, 4000))).isEqualTo(8000);
        assertThat(RoomsConnectionLimit.resolve(rooms(50), http(4000, 4000))).isEqualTo(50);
    }

    @Test
    void resolve_whenAboveTheSum_thenRefusedNamingEveryKey() {
        assertThatThrownBy(() -> RoomsConnectionLimit.resolve(rooms(10_000), http(4000, 4000)))
                .isInstanceOf(ConflictingSettingsException.class)
                .hasMessage("switchboard.rooms.max-connections=10000 is more than the HTTP listeners admit together"
                        + " (switchboard.http.listeners.http.max-connections=4000"
                        + " + switchboard.http.listeners.http-legacy.max-connections=4000 = 8000)");
    }

    @Test
    void resolve_whenCapsNearIntegerMax_thenNoOverflow() {
        assertThat(RoomsConnectionLimit.resolve(rooms(0), http(Integer.MAX_VALUE, Integer.MAX_VALUE)))
                .isEqualTo(Integer.MAX_VALUE);
    }
}
