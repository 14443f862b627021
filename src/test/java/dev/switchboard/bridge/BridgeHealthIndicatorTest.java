package dev.switchboard.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class BridgeHealthIndicatorTest {

    private final BridgeProperties off = new BridgeProperties(false, "sea", Charset.forName("windows-1251"), "web", 4);

    @Test
    void health_whenTheBridgeIsOff_thenUpAndSaysSo() {
        var health = new BridgeHealthIndicator(null, off).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("enabled", false);
    }
}
