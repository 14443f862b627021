package dev.switchboard.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void parse_whenOnlyProtocol_thenDefaultsAndStandardPort() {
        LoadOptions o = LoadOptions.parse(new String[] {"--protocol", "sea"});
        assertThat(o.target().getPort()).isEqualTo(8732);
        assertThat(o.target().getAddress().isLoopbackAddress()).isTrue();
        assertThat(o.paced()).isFalse();
        assertThat(o.deadline()).isEqualTo(Duration.ofSeconds(72));
        assertThat(o.sources()).hasSize(1);
    }

    @Test
    void parse_whenEveryOption_thenAllApplied() {
        LoadOptions o = LoadOptions.parse(new String[] {"--protocol", "ROOMS", "--host", "localhost", "--port", "9000",
                "--path", "/ws", "--connections", "1000", "--senders", "3", "--rate", "20", "--size", "100",
                "--duration", "500ms", "--drain", "1s", "--deadline", "2m", "--sources", "4", "--threads", "2",
                "--pid", "77", "--heap", "--room", ""});
        assertThat(o.protocol()).isEqualTo(LoadOptions.Protocol.ROOMS);
        assertThat(o.target().getPort()).isEqualTo(9000);
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.deadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.sources()).extracting(a -> a.getHostAddress()).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4");
        assertThat(o.paced()).isTrue();
        assertThat(o.heap()).isTrue();
        assertThat(o.room()).isEmpty();
    }

    @Test
    void parse_whenNonLoopbackHost_thenRefused() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--protocol", "sea", "--host", "10.1.2.3"}))
                .hasMessageContaining("refusing non-loopback target 10.1.2.3");
    }

    @Test
    void parse_whenBoundsBroken_thenReadableReason() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--protocol", "sea", "--connections", "0"}))
                .hasMessageContaining("--connections must be between 1");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--protocol", "sea", "--connections", "2", "--senders", "3"}))
                .hasMessageContaining("exceeds --connections");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--protocol", "sea", "--deadline", "1h"}))
                .hasMessageContaining("needs a duration");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--protocol", "sea", "--duration", "30s", "--deadline", "10s"}))
                .hasMessageContaining("shorter than");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--protocol", "smtp"}))
                .hasMessageContaining("unknown protocol");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--connections", "3"}))
                .hasMessageContaining("Missing required option: '--protocol");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--protocol", "sea", "--heap"}))
                .hasMessageContaining("--heap needs --pid");
    }

    @Test
    void parse_whenEqualsFormAndRepeatedOption_thenLastValueApplied() {
        LoadOptions o = LoadOptions.parse(new String[] {"--protocol=example", "--port=9000", "--connections=5",
                "--connections", "7", "--duration=1s"});
        assertThat(o.protocol()).isEqualTo(LoadOptions.Protocol.EXAMPLE);
        assertThat(o.target().getPort()).isEqualTo(9000);
        assertThat(o.connections()).isEqualTo(7);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void parse_whenUnknownOptionOrMissingValue_thenPicocliReason() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--protocol", "sea", "--bogus", "1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown option").hasMessageContaining("'--bogus'");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--protocol", "sea", "--port"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Missing required parameter");
    }

    @Test
    void usage_listsEveryDocumentedOption() {
        assertThat(LoadOptions.USAGE).startsWith("Usage: load").contains("--protocol", "--host", "--port", "--path",
                "--connections", "--senders", "--rate", "--window", "--size", "--duration", "--drain", "--deadline",
                "--connect-batch", "--sources", "--threads", "--pid", "--heap", "--room", "--help");
        assertThat(LoadOptions.helpRequested(new String[] {"--protocol", "sea", "--help"})).isTrue();
        assertThat(LoadOptions.helpRequested(new String[] {"--protocol", "sea"})).isFalse();
    }
}
