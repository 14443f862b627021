package dev.switchboard.core.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class DescriptorCheckTest {

    private static final ChannelInitializer<Channel> NOTHING = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel ch) {
        }
    };

    private static ListenerDefinition listener(String name, Transport transport, boolean enabled) {
        return new ListenerDefinition(name, "test", new ListenerProperties(enabled, transport, "127.0.0.1", 1,
                java.nio.file.Path.of("x.sock"), 128, DataSize.ofKilobytes(32), DataSize.ofKilobytes(64)), NOTHING);
    }

    /** The gateway's enabled stream listeners by default: sea, http, http-legacy, example tcp. */
    private static List<ListenerDefinition> defaults() {
        return List.of(listener("sea", Transport.TCP, true), listener("http", Transport.TCP, true),
                listener("http-legacy", Transport.TCP, true), listener("example-tcp", Transport.TCP, true),
                listener("example-unix", Transport.UNIX, false), listener("example-udp", Transport.UDP, true));
    }

    @Test
    void defaults_whenProcessMayOpen19999Files_thenCapsAndReserveFit() {
        assertThat(DescriptorCheck.warnIfOvercommitted(defaults(), 1024, 19_999)).isTrue();
    }

    @Test
    void check_whenCapsExceedTheLimitMinusReserve_thenWarns() {
        assertThat(DescriptorCheck.warnIfOvercommitted(defaults(), 1024, 4096)).isFalse();
    }

    @Test
    void check_whenLimitUnknown_thenNothingToCompare() {
        assertThat(DescriptorCheck.warnIfOvercommitted(defaults(), 1024, -1)).isTrue();
    }

    @Test
    void processLimit_onThisPlatform_thenKnown() {
        assertThat(DescriptorCheck.processLimit()).isPositive();
    }
}
