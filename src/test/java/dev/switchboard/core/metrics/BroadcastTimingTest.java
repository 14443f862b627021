package dev.switchboard.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.connection.Broadcast;
import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.connection.Goodbye;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaCommand;
import dev.switchboard.sea.message.SetUserInfo;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Fan-out, delivery-lag and command timings: what gets recorded, once, and against which moment. */
class BroadcastTimingTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InboundMark mark = new InboundMark();

    private Connection connection(EmbeddedChannel channel) {
        Connection existing = Connection.of(channel);
        return existing != null ? existing
                : Connection.attach(channel, "test", 1 << 20, Goodbye.CLOSE, new Disconnector(registry));
    }

    private Timer timer(String name) {
        return registry.get(name).timer();
    }

    private static void drain(EmbeddedChannel channel) {
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
            buf.release();
        }
    }

    @Test
    void submit_whenBroadcastCausedByARead_thenFanoutAndLagRecordedOnceForAllLoops() {
        BroadcastMeter meter = BroadcastMeter.register(registry, mark, "rooms");
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        long accepted = System.nanoTime();
        mark.enter(accepted);
        try {
            Broadcast writes = new Broadcast(meter);
            writes.add(connection(a), Unpooled.wrappedBuffer(new byte[] {1}));
            writes.add(connection(b), Unpooled.wrappedBuffer(new byte[] {2}));
            writes.submit();
        } finally {
            mark.exit();
        }

        assertThat(timer("switchboard.rooms.broadcast.fanout").count()).isEqualTo(1);
        assertThat(timer("switchboard.rooms.delivery.lag").count()).isEqualTo(1);
        assertThat(timer("switchboard.rooms.delivery.lag").totalTime(TimeUnit.NANOSECONDS))
                .isGreaterThanOrEqualTo(timer("switchboard.rooms.broadcast.fanout")
                        .totalTime(TimeUnit.NANOSECONDS));
        drain(a);
        drain(b);
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
    }

    @Test
    void submit_whenNotCausedByARead_thenOnlyFanoutRecorded() {
        BroadcastMeter meter = BroadcastMeter.register(registry, mark, "sea");
        EmbeddedChannel a = new EmbeddedChannel();
        Broadcast writes = new Broadcast(meter);
        writes.add(connection(a), Unpooled.wrappedBuffer(new byte[] {1}));
        writes.submit();

        assertThat(timer("switchboard.sea.broadcast.fanout").count()).isEqualTo(1);
        assertThat(timer("switchboard.sea.delivery.lag").count()).isZero();
        drain(a);
        a.finishAndReleaseAll();
    }

    @Test
    void submit_whenNoRecipients_thenNothingRecorded() {
        BroadcastMeter meter = BroadcastMeter.register(registry, mark, "sea");
        new Broadcast(meter).submit();

        assertThat(timer("switchboard.sea.broadcast.fanout").count()).isZero();
    }

    @Test
    void handle_whenCommandRun_thenTimedByKindAndThreadMarkedWithTheChannelsLastRead() {
        HandlingTimer commands = HandlingTimer.register(registry, mark, "switchboard.sea.command.duration", "help",
                "sea", SeaCommand.class);
        EmbeddedChannel sender = new EmbeddedChannel();
        mark.readStarted(sender, 42);
        mark.exit();
        AtomicLong seen = new AtomicLong();

        commands.handle(sender, new Login(SeaBytes.latin1("a"), SeaBytes.latin1("b")),
                () -> seen.set(mark.acceptedNanos()));

        assertThat(seen.get()).isEqualTo(42);
        assertThat(mark.acceptedNanos()).isZero();
        assertThat(registry.get("switchboard.sea.command.duration").tag("kind", "login").timer().count()).isEqualTo(1);
        assertThat(registry.get("switchboard.sea.command.duration").tag("kind", "set_user_info").timer().count())
                .isZero();
        assertThat(registry.get("switchboard.sea.command.duration").timers())
                .hasSize(SeaCommand.class.getPermittedSubclasses().length);
        sender.finishAndReleaseAll();
    }

    @Test
    void kindTag_whenCamelCase_thenSnakeCase() {
        assertThat(HandlingTimer.kindTag(SetUserInfo.class)).isEqualTo("set_user_info");
        assertThat(HandlingTimer.kindTag(Login.class)).isEqualTo("login");
    }
}
