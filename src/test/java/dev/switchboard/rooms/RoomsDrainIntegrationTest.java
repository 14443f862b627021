package dev.switchboard.rooms;

import static dev.switchboard.rooms.support.RawWebSocket.closePayload;
import static dev.switchboard.rooms.support.RawWebSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.tools.codec.rooms.TPackets;
import dev.switchboard.rooms.support.RawWebSocket;
import dev.switchboard.rooms.support.RawWebSocket.Frame;
import dev.switchboard.rooms.support.SpecVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Graceful shutdown under room traffic: the context closes while members on both HTTP listeners receive a stream
 * of chat. Every message the gateway relayed to anyone must reach every member before that member's close 1001,
 * each member gets exactly one close frame, and the server closes TCP once the member has answered it.
 */
@Timeout(120)
class RoomsDrainIntegrationTest {

    private static final int MEMBERS = 6;
    private static final int SENDERS = 3;

    /** What one member saw: chat texts in order, close frames, and whether anything came after the first close. */
    private static final class Member {
        final RawWebSocket ws;
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<Integer> closes = new CopyOnWriteArrayList<>();
        volatile boolean framesAfterClose;
        volatile boolean ended;
        /** A sender keeps at most this many of its messages in flight, so the stream is steady, not a flood. */
        final Semaphore window = new Semaphore(16);
        volatile String prefix = "none";

        Member(RawWebSocket ws) {
            this.ws = ws;
        }

        /** Reads until the server ends the connection, answering its close as a browser does. */
        void read() throws IOException {
            for (Frame f = ws.next(); f != null; f = ws.next()) {
                if (!closes.isEmpty()) {
                    framesAfterClose = true;
                }
                if (f.opcode() == 8) {
                    closes.add(f.closeCode());
                    ws.send(frame(0x88, closePayload(f.closeCode(), new byte[0])));
                } else if (f.opcode() == 2 && f.payload()[12] == Command.NEW_MSG.code()) {
                    String text = new String(f.payload(), 24, f.payload().length - 24, StandardCharsets.UTF_8);
                    texts.add(text);
                    if (text.startsWith(prefix)) {
                        window.release();
                    }
                }
            }
            ended = true;
        }
    }

    private static byte[] packet(Command command, String blob) {
        return TPackets.encode(0x1000, command.code(), blob);
    }

    private static Member join(int port, String nick) throws IOException {
        RawWebSocket ws = new RawWebSocket(port).open("/");
        ws.send(frame(0x82, SpecVectors.V1), frame(0x82, packet(Command.SET_USER_NICK, nick)));
        assertThat(ws.next().payload()[12]).isEqualTo((byte) Command.RESP_OK.code());
        ws.send(frame(0x82, packet(Command.SET_ROOM, "drain")));
        assertThat(ws.next().payload()[12]).isEqualTo((byte) Command.RESP_OK.code());
        return new Member(ws);
    }

    @Test
    void shutdown_whenMembersReceiveAStream_thenEveryRelayedMessageReachesEveryMemberBeforeOneClose1001()
            throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class)
                .properties("management.server.port=0", "switchboard.rooms.heartbeat-interval=0s",
                        "switchboard.rooms.closing-timeout=30s")
                .run();
        ExecutorService threads = Executors.newCachedThreadPool();
        List<Member> members = new ArrayList<>();
        try {
            for (int i = 0; i < MEMBERS; i++) {
                String listener = i % 2 == 0 ? "http" : "http-legacy";
                int port = context.getEnvironment().getRequiredProperty("local.switchboard." + listener + ".port",
                        Integer.class);
                members.add(join(port, "m" + i));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (Member m : members) {
                readers.add(threads.submit(() -> {
                    m.read();
                    return null;
                }));
            }
            Set<String> sent = ConcurrentHashMap.newKeySet();
            for (int s = 0; s < SENDERS; s++) {
                Member sender = members.get(s);
                String prefix = "s" + s + "-";
                sender.prefix = prefix;
                threads.submit(() -> {
                    for (int n = 0; !sender.ended && sender.closes.isEmpty(); n++) {
                        try {
                            while (!sender.window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                                if (sender.ended || !sender.closes.isEmpty()) {
                                    return;
                                }
                            }
                            sender.ws.send(frame(0x82, packet(Command.NEW_MSG, prefix + n)));
                            sent.add(prefix + n);
                        } catch (IOException | InterruptedException closed) {
                            return;
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> members.stream().allMatch(m -> m.texts.size() >= 50));

            context.close();

            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
            List<String> reference = members.get(0).texts;
            assertThat(reference).hasSizeGreaterThanOrEqualTo(50);
            for (Member m : members) {
                assertThat(m.closes).as("one close frame, 1001").containsExactly(1001);
                assertThat(m.framesAfterClose).as("nothing after the close frame").isFalse();
                // Whatever was relayed to one member reached them all (order across senders may differ per
                // member; each sender's own messages arrive in the order sent).
                assertThat(m.texts).containsExactlyInAnyOrderElementsOf(reference);
                for (int s = 0; s < SENDERS; s++) {
                    String prefix = "s" + s + "-";
                    List<Integer> numbers = m.texts.stream().filter(t -> t.startsWith(prefix))
                            .map(t -> Integer.parseInt(t.substring(prefix.length()))).toList();
                    assertThat(numbers).isSorted();
                }
            }
            assertThat(sent).containsAll(reference);
        } finally {
            threads.shutdownNow();
            for (Member m : members) {
                m.ws.close();
            }
            context.close();
        }
    }
}
