package dev.switchboard.sea.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.admin.SessionInfo;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.service.BanList;
import dev.switchboard.sea.service.FloodPolicy;
import dev.switchboard.sea.service.NameBlacklist;
import dev.switchboard.sea.service.SeaAdministration;
import dev.switchboard.sea.service.SeaArchive;
import dev.switchboard.sea.service.SeaMetrics;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.sea.service.SeaSettings;
import dev.switchboard.sea.service.SeaUser;
import dev.switchboard.sea.service.UserIdAllocator;
import dev.switchboard.sea.support.FakeSeaLink;
import dev.switchboard.support.MutableClock;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SEA sessions in the sessions listing: the roster is read once per listing, whatever the number of
 * connections, and each connection gets the same description a single look-up gives.
 */
class SeaSessionDescriberTest {

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_234_567_890L));
    private final SeaService service = new SeaService(clock, (message, recipients) -> { },
            SeaMetrics.NOOP, SeaSettings.defaults(""), BanList.forPolicy(FloodPolicy.REFERENCE_DEFAULT, null),
            new NameBlacklist(), List.of(), Duration.ofSeconds(30), new UserIdAllocator(), SeaArchive.NONE);
    /** Counts the tasks sent to the "roster thread" (run inline here). */
    private final AtomicInteger rosterHops = new AtomicInteger();
    private final SeaAdministration administration = new SeaAdministration(service, task -> {
        rosterHops.incrementAndGet();
        task.run();
    }, () -> false, Duration.ofSeconds(5), null);
    private final SeaSessionDescriber describer = new SeaSessionDescriber(administration);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void describeAll_whenManySessions_thenOneRosterHopAndSameAnswersAsDescribe() throws Exception {
        int users = 50;
        List<Channel> listed = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String ip = "10.0." + (i % 3) + ".1";
            int port = 40_000 + i;
            login(ip, port, "user" + i);
            listed.add(channel(ip, port));
        }
        service.accept(new FakeSeaLink(), InetAddress.getByName("10.9.9.9"), 999);
        listed.add(channel("10.9.9.9", 999));      // connected, not logged in yet
        listed.add(channel("10.8.8.8", 1));        // no SEA session (already ended)

        rosterHops.set(0);
        Map<Channel, SessionInfo> all = describer.describeAll(listed);
        assertThat(rosterHops).as("roster tasks for one listing").hasValue(1);

        assertThat(all).hasSize(users + 1);
        for (Channel channel : listed) {
            assertThat(all.get(channel)).as(channel.remoteAddress().toString())
                    .isEqualTo(describer.describe(channel).orElse(null));
        }
        assertThat(all.get(listed.get(7)).name()).isEqualTo("user7");
        assertThat(all.get(listed.get(7)).details()).containsEntry("seaId", service.sessions().stream()
                .filter(u -> u.port() == 40_007).findFirst().orElseThrow().id());
        assertThat(all.get(listed.get(users)).name()).isNull();
        assertThat(all).doesNotContainKey(listed.get(users + 1));
    }

    @Test
    void describeAll_whenNoConnections_thenEmpty() {
        assertThat(describer.describeAll(List.of())).isEmpty();
    }

    private SeaUser login(String ip, int port, String name) throws Exception {
        SeaUser user = service.accept(new FakeSeaLink(), InetAddress.getByName(ip), port);
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        // LOGIN (§5.1): namelen, name, compnamelen, compname
        service.handle(user, SeaRequest.exact(3 + n.length + 2, new Login(SeaBytes.of(n), SeaBytes.latin1("pc"))));
        return user;
    }

    /** A channel whose peer is {@code ip:port}, as the SEA listener's connection from there would be. */
    private Channel channel(String ip, int port) throws Exception {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(ip), port);
        EmbeddedChannel channel = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
        channels.add(channel);
        return channel;
    }
}
