package dev.switchboard.sea.handler;

import dev.switchboard.core.budget.InputBudget;
import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.connection.Goodbye;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.core.metrics.HandlingTimer;
import dev.switchboard.core.netty.EventLoopGroups;
import dev.switchboard.core.netty.NettyProperties;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.codec.SeaCommandDecoder;
import dev.switchboard.sea.codec.SeaFrameDecoder;
import dev.switchboard.sea.service.BanList;
import dev.switchboard.sea.service.FloodPolicy;
import dev.switchboard.sea.service.NameBlacklist;
import dev.switchboard.sea.service.SeaArchive;
import dev.switchboard.sea.service.SeaLinkOutbound;
import dev.switchboard.sea.service.SeaMetrics;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.sea.service.SeaSettings;
import dev.switchboard.sea.service.SeaUser;
import dev.switchboard.sea.service.UserIdAllocator;
import dev.switchboard.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

import static dev.switchboard.sea.support.Hex.bytes;
import static dev.switchboard.sea.support.Hex.concat;
import static dev.switchboard.sea.support.Hex.repeat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SEA stages on the I/O loop: they frame and parse a whole read without waiting for the roster, hand it the
 * read's requests as one task, and still apply each frame's cap and parse version as the earlier frames of the
 * same read set them (the roster is held back here: its tasks run only when the test says so).
 */
class SeaIoStagesTest {

    private static final int LOGIN_CAP = 513;

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_234_567_890L));
    private final EventLoopGroups groups = new EventLoopGroups(new NettyProperties(1, 1,
            NettyProperties.TransportKind.NIO, Duration.ZERO, Duration.ofSeconds(1)));
    private final SeaRosterExecutor rosterThread = new SeaRosterExecutor(groups);
    private final Queue<Runnable> rosterTasks = new ArrayDeque<>();
    private final SeaService service = new SeaService(clock, new SeaLinkOutbound(), SeaMetrics.NOOP,
            SeaSettings.defaults(""), BanList.forPolicy(FloodPolicy.REFERENCE_DEFAULT, null), new NameBlacklist(),
            List.of(), Duration.ofSeconds(30), new UserIdAllocator(), SeaArchive.NONE);
    private final SeaLimits limits = new SeaLimits(LOGIN_CAP, 0xFFFFFF, 0xFFFF, 1 << 20, Duration.ofSeconds(120),
            () -> -1);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private EmbeddedChannel channel;
    private Connection connection;

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        rosterThread.destroy();
        groups.destroy();
    }

    private void open() throws Exception {
        channel = new EmbeddedChannel(false, false);
        connection = Connection.attach(channel, "sea", limits.slowConsumerMaxPending(), Goodbye.CLOSE,
                new Disconnector(registry));
        SeaFloodGate gate = new SeaFloodGate();
        SeaReadState state = new SeaReadState(connection, java.net.InetAddress.getLoopbackAddress(), limits,
                service.settings(), new InputBudget(1 << 20, 1 << 20, 1 << 20), new TimeoutSweeper(clock), clock);
        SeaNettyLink link = new SeaNettyLink(connection, gate, rosterThread, service, HandlingTimer.NONE,
                BroadcastMeter.NONE, limits, clock);
        channel.pipeline().addLast(new SeaFrameDecoder(state::maxFrameLength, state), gate,
                new SeaCommandDecoder(state), new SeaSessionHandler(link, state, rosterTasks::add, HandlingTimer.NONE));
        channel.register();
        runRoster();
        channel.runPendingTasks();
    }

    private int runRoster() {
        int ran = 0;
        Runnable task;
        while ((task = rosterTasks.poll()) != null) {
            task.run();
            ran++;
        }
        channel.runPendingTasks();
        return ran;
    }

    /** LOGIN "A" on "B", L = 5. */
    private static byte[] login() {
        return bytes("00 00 05 01 01 41 01 42");
    }

    /** SEND_MESSAGE to everybody with {@code msglen} bytes of text: L = msglen + 7. */
    private static byte[] groupMessage(int msglen) {
        int length = msglen + 7;
        return concat(new byte[] {(byte) (length >> 16), (byte) (length >> 8), (byte) length, 0x02},
                bytes("00 00 00 00"), new byte[] {(byte) (msglen >> 8), (byte) msglen}, repeat('x', msglen));
    }

    @Test
    void read_whenLoginAndALargerFrameArriveTogether_thenTheSecondGetsTheLoggedInCapBeforeTheRosterRuns() throws Exception {
        open();
        assertThat(service.sessions()).hasSize(1);
        channel.writeInbound(Unpooled.wrappedBuffer(concat(login(), groupMessage(1000))));
        assertThat(rosterTasks).as("the whole read is one roster task").hasSize(1);
        assertThat(channel.isActive()).isTrue();

        assertThat(runRoster()).isEqualTo(1);
        SeaUser user = service.sessions().get(0);
        assertThat(user.state()).isEqualTo(SeaUser.State.LOGGED_IN);
        assertThat(connection.closeReason()).isNull();
        ByteBuf userList = channel.readOutbound();
        ByteBuf message = channel.readOutbound();
        assertThat(userList.getByte(0)).isEqualTo((byte) 0x01);
        assertThat(message.getByte(0)).as("the group MESSAGE reached its sender too").isEqualTo((byte) 0x04);
        userList.release();
        message.release();
    }

    @Test
    void read_whenAFrameExceedsTheLoginCapBeforeLogin_thenTheSessionIsKilledForIt() throws Exception {
        open();
        channel.writeInbound(Unpooled.wrappedBuffer(groupMessage(LOGIN_CAP)));
        runRoster();
        assertThat(connection.closeReason()).isEqualTo(dev.switchboard.sea.service.SeaCloseReason.NOT_LOGGED_IN);
        assertThat(registry.get("switchboard.connections.closed").tag("protocol", "sea")
                .tag("reason", "not-logged-in").counter().count()).isEqualTo(1.0);
    }

    @Test
    void read_whenSetUserInfo102Precedes_thenTheNextFrameIsCappedAndParsedAsVersion102() throws Exception {
        open();
        // SETUSERINFO: faculty 1, room "312-a", infolen 0, version 102 (0x66): L = 9
        byte[] info = bytes("00 00 09 04 01 33 31 32 2d 61 00 66");
        // Past the legacy cap (0xFFFF) of a version below 102: refused unless the version is already 102.
        channel.writeInbound(Unpooled.wrappedBuffer(concat(login(), info, groupMessage(0xFFFF - 6))));
        runRoster();
        assertThat(connection.closeReason()).isNull();
        assertThat(service.sessions().get(0).version()).isEqualTo((byte) 102);
        channel.releaseOutbound();
    }
}
