package dev.switchboard.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.support.WsTestClient;
import dev.switchboard.sea.support.SeaTestClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.core.env.Environment;

/**
 * The clients of one bridge test: SEA clients logged in with a version, and WebSocket members that have joined a
 * room, all on the gateway's ephemeral ports and all closed by {@link #close()}.
 */
final class BridgeClients implements AutoCloseable {

    private final Environment environment;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<AutoCloseable> clients = new ArrayList<>();

    BridgeClients(Environment environment) {
        this.environment = environment;
    }

    int port(String listener) {
        return environment.getRequiredProperty("local.switchboard." + listener + ".port", Integer.class);
    }

    /** A SEA client from {@code source} (a loopback address), logged in as {@code user} with {@code version}. */
    SeaTestClient sea(String source, String user, int version) throws IOException {
        SeaTestClient client = SeaTestClient.connect(port("sea"), source);
        clients.add(client);
        client.login(user, "PC");
        client.setVersion(version);
        return client;
    }

    /** A WebSocket member that has set {@code nick} and joined {@code room}. */
    WsTestClient web(String nick, String room) throws InterruptedException {
        WsTestClient client = WsTestClient.connect(group, port("http"), "/", false);
        clients.add(client);
        assertThat(client.login(nick)).startsWith("RESP_OK");
        client.send(Command.SET_ROOM, room);
        assertThat(client.next()).startsWith("RESP_OK");
        return client;
    }

    /** Records a client the test opened itself, so it is closed with the others. */
    <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
