package dev.switchboard.http.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** Reading pauses while the peer does not drain responses and resumes when it does. */
class ReadThrottleTest {

    /** Index of a user-defined writability bit, standing in for the water marks. */
    private static final int BIT = 1;

    @Test
    void writability_whenLostAndRegained_thenAutoReadFollows() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReadThrottle());
        ch.unsafe().outboundBuffer().setUserDefinedWritability(BIT, false);
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isFalse();
        ch.unsafe().outboundBuffer().setUserDefinedWritability(BIT, true);
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isTrue();
        assertFalse(ch.finish());
    }

    @Test
    void removal_whileReadingPaused_thenReadingResumesForTheNextOwner() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReadThrottle());
        ch.unsafe().outboundBuffer().setUserDefinedWritability(BIT, false);
        ch.runPendingTasks();
        ch.pipeline().remove(ReadThrottle.class);
        assertThat(ch.config().isAutoRead()).isTrue();
        assertFalse(ch.finish());
    }
}
