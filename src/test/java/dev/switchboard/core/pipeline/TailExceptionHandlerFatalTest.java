package dev.switchboard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.connection.Goodbye;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TailExceptionHandlerFatalTest {

    @Test
    void exceptionCaught_whenOutOfMemory_thenConnectionClosedAndProcessReportedBrokenOnce() {
        List<VirtualMachineError> reported = new ArrayList<>();
        TailExceptionHandler tail = new TailExceptionHandler(reported::add);
        EmbeddedChannel first = new EmbeddedChannel(tail);
        EmbeddedChannel second = new EmbeddedChannel(tail);
        OutOfMemoryError direct = new OutOfMemoryError("Cannot reserve 16777216 bytes of direct buffer memory");

        first.pipeline().fireExceptionCaught(new DecoderException(direct));
        second.pipeline().fireExceptionCaught(new OutOfMemoryError("again"));

        assertThat(reported).containsExactly(direct);
        assertThat(first.isOpen()).isFalse();
        assertThat(second.isOpen()).isFalse();
    }

    @Test
    void exceptionCaught_whenOrdinaryFailure_thenNotReportedAsFatal() {
        List<VirtualMachineError> reported = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new TailExceptionHandler(reported::add));
        ch.pipeline().fireExceptionCaught(new java.io.IOException("reset"));
        assertThat(reported).isEmpty();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void exceptionCaught_whenABugSurfacesOnAProtocolConnection_thenClosedAndCountedAsInternalError() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EmbeddedChannel ch = new EmbeddedChannel(new TailExceptionHandler(error -> { }));
        Connection.attach(ch, "test", 1024, Goodbye.CLOSE, new Disconnector(registry));

        ch.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));
        ch.runPendingTasks();

        assertThat(ch.isOpen()).isFalse();
        assertThat(registry.get("switchboard.connections.closed").tag("reason", "internal-error").counter().count())
                .isEqualTo(1);
        assertThat(registry.find("switchboard.connections.closed").tag("reason", "peer-closed").counter()).isNull();
    }
}
