package dev.switchboard.sea.handler;

import dev.switchboard.sea.support.FakeSeaLink;

import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.service.BanList;
import dev.switchboard.sea.service.FloodPolicy;
import dev.switchboard.sea.service.NameBlacklist;
import dev.switchboard.sea.service.SeaArchive;
import dev.switchboard.sea.service.SeaMetrics;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.sea.service.SeaSettings;
import dev.switchboard.sea.service.SeaUser;
import dev.switchboard.sea.service.UserIdAllocator;
import dev.switchboard.support.MutableClock;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SeaLoginTimeoutHandlerTest {

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_234_567_890L));
    private final TimeoutSweeper sweeper = new TimeoutSweeper(clock);
    private final SeaService service = new SeaService(clock, (m, r) -> { }, SeaMetrics.NOOP, SeaSettings.defaults(""),
            BanList.forPolicy(FloodPolicy.REFERENCE_DEFAULT, null), new NameBlacklist(), List.of(),
            Duration.ofSeconds(30), new UserIdAllocator(), SeaArchive.NONE);
    private final FakeSeaLink link = new FakeSeaLink();

    private SeaUser user() {
        return service.accept(link, InetAddress.getLoopbackAddress(), 1);
    }

    @Test
    void userEvent_whenAdmittedAndDeadlinePasses_thenSessionClosedOnce() {
        SeaLoginTimeoutHandler handler = new SeaLoginTimeoutHandler(sweeper, clock, service);
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        ch.pipeline().fireUserEventTriggered(new SeaEvents.Admitted(user(), Duration.ofSeconds(30)));
        assertThat(sweeper.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(29));
        sweeper.sweep();
        ch.runPendingTasks();
        assertThat(link.closed).isFalse();
        clock.advance(Duration.ofSeconds(1));
        sweeper.sweep();
        ch.runPendingTasks();
        assertThat(link.closed).isTrue();
        assertThat(sweeper.size()).isZero();
        assertFalse(ch.finish());
    }

    @Test
    void userEvent_whenLoggedIn_thenHandlerRemovesItselfAndItsRegistration() {
        SeaLoginTimeoutHandler handler = new SeaLoginTimeoutHandler(sweeper, clock, service);
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        ch.pipeline().fireUserEventTriggered(new SeaEvents.Admitted(user(), Duration.ofSeconds(30)));
        ch.pipeline().fireUserEventTriggered(SeaEvents.LOGGED_IN);
        assertThat(ch.pipeline().get(SeaLoginTimeoutHandler.class)).isNull();
        assertThat(sweeper.size()).isZero();
        clock.advance(Duration.ofSeconds(60));
        sweeper.sweep();
        ch.runPendingTasks();
        assertThat(link.closed).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void channelInactive_whenClosedBeforeLogin_thenRegistrationCancelled() {
        EmbeddedChannel ch = new EmbeddedChannel(new SeaLoginTimeoutHandler(sweeper, clock, service));
        ch.pipeline().fireUserEventTriggered(new SeaEvents.Admitted(user(), Duration.ofSeconds(30)));
        ch.close();
        assertThat(sweeper.size()).isZero();
        assertFalse(ch.finish());
    }
}
