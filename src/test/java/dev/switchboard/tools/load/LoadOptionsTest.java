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
    void parse_whenSeveralPortsAndPids_thenConnectionsSpreadOverThePortsAndTheProcessesSummed() {
        LoadOptions o = LoadOptions.parse(new String[] {"--protocol", "sea", "--port", "38732, 48732",
                "--pid", "11,12,13"});

        assertThat(o.targets()).extracting(java.net.InetSocketAddress::getPort).containsExactly(38732, 48732);
        assertThat(o.target().getPort()).isEqualTo(38732);
        assertThat(o.serverPids()).containsExactly(11L, 12L, 13L);
        assertThat(o.serverPid()).isEqualTo(11);
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--protocol", "sea", "--port", "38732,"}))
                .hasMessageContaining("--port");
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

    @Test
    void parse_whenScenarioAlone_thenItsPresetApplied() {
        LoadOptions trickle = LoadOptions.parse(new String[] {"--scenario", "sea-trickle"});
        assertThat(trickle.scenario()).isEqualTo("sea-trickle");
        assertThat(trickle.protocol()).isEqualTo(LoadOptions.Protocol.SEA);
        assertThat(trickle.connections()).isEqualTo(1000);
        assertThat(trickle.senders()).isEqualTo(100);
        assertThat(trickle.rate()).isEqualTo(10.0);
        assertThat(trickle.paced()).isTrue();
        assertThat(trickle.threads()).as("one loop per core").isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(trickle.target().getPort()).isEqualTo(8732);

        LoadOptions unpaced = LoadOptions.parse(new String[] {"--scenario", "sea-unpaced"});
        assertThat(unpaced.connections()).isEqualTo(100);
        assertThat(unpaced.senders()).isEqualTo(10);
        assertThat(unpaced.window()).isEqualTo(32);
        assertThat(unpaced.paced()).isFalse();
        assertThat(unpaced.threads()).isEqualTo(1);

        LoadOptions rooms = LoadOptions.parse(new String[] {"--scenario", "rooms-broadcast"});
        assertThat(rooms.protocol()).isEqualTo(LoadOptions.Protocol.ROOMS);
        assertThat(rooms.connections()).isEqualTo(1000);
        assertThat(rooms.senders()).isEqualTo(8);
        assertThat(LoadOptions.parse(new String[] {"--scenario", "sea-paced"}).rate()).isEqualTo(20.0);
        assertThat(LoadOptions.parse(new String[] {"--scenario", "example"}).protocol())
                .isEqualTo(LoadOptions.Protocol.EXAMPLE);
    }

    @Test
    void parse_whenScenarioAndExplicitOptions_thenOptionsOverrideThePreset() {
        LoadOptions o = LoadOptions.parse(new String[] {"--scenario", "sea-trickle", "--connections", "50",
                "--senders", "5", "--rate", "2.5", "--threads", "1", "--port", "28732"});
        assertThat(o.scenario()).isEqualTo("sea-trickle");
        assertThat(o.connections()).isEqualTo(50);
        assertThat(o.senders()).isEqualTo(5);
        assertThat(o.rate()).isEqualTo(2.5);
        assertThat(o.threads()).isEqualTo(1);
        assertThat(o.target().getPort()).isEqualTo(28732);
        assertThat(LoadOptions.parse(new String[] {"--protocol", "sea"}).scenario()).isEqualTo("custom");
    }

    @Test
    void parse_whenScenarioUnknownOrThreadsZero_thenReasonOrOnePerCore() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--scenario", "sea-drizzle"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scenario 'sea-drizzle'").hasMessageContaining("sea-trickle");
        assertThat(LoadOptions.parse(new String[] {"--protocol", "sea", "--threads", "0"}).threads())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void usage_listsEveryScenarioWithItsShape() {
        assertThat(LoadOptions.USAGE).contains("--scenario", "Scenarios (--scenario NAME", "sea-unpaced", "sea-paced",
                "sea-trickle", "rooms-broadcast", "example", "100 senders x 10 msg/s", "Exit status: 0");
    }
}
