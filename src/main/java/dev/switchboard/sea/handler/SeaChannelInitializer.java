package dev.switchboard.sea.handler;

import dev.switchboard.core.budget.InputBudget;
import dev.switchboard.core.metrics.HandlingTimer;
import dev.switchboard.core.pipeline.ChannelLog;
import dev.switchboard.core.pipeline.TailExceptionHandler;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.codec.SeaCommandDecoder;
import dev.switchboard.sea.codec.SeaFrameDecoder;
import dev.switchboard.sea.service.SeaService;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.EventExecutorGroup;

import java.net.InetSocketAddress;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a SEA connection's pipeline in {@link SeaPipeline} order.
 *
 * <p>SEA connections are registered with the single roster loop ({@link SeaRosterExecutor}), and every
 * SEA stage is added with it, so all SEA connections are read and processed on one thread, one event
 * at a time and in the order they were read, like the single-threaded reference (§4.5). Reading starts
 * only after admission (ban and class checks), so a refused connection is closed without a byte being
 * read (§12.1).
 */
public final class SeaChannelInitializer extends ChannelInitializer<Channel> {

    private static final Logger log = LoggerFactory.getLogger(SeaChannelInitializer.class);

    private final EventExecutorGroup roster;
    private final SeaService service;
    private final SeaLimits limits;
    private final TimeoutSweeper sweeper;
    private final Clock clock;
    private final TailExceptionHandler tail;
    private final InputBudget budget;
    private final HandlingTimer commands;

    public SeaChannelInitializer(EventExecutorGroup roster, SeaService service, SeaLimits limits,
                                 TimeoutSweeper sweeper, Clock clock, TailExceptionHandler tail, InputBudget budget) {
        this(roster, service, limits, sweeper, clock, tail, budget, HandlingTimer.NONE);
    }

    /** As above, with each command's handling timed by {@code commands}. */
    public SeaChannelInitializer(EventExecutorGroup roster, SeaService service, SeaLimits limits,
                                 TimeoutSweeper sweeper, Clock clock, TailExceptionHandler tail, InputBudget budget,
                                 HandlingTimer commands) {
        this.budget = budget;
        this.commands = commands;
        this.roster = roster;
        this.service = service;
        this.limits = limits;
        this.sweeper = sweeper;
        this.clock = clock;
        this.tail = tail;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.config().setAutoRead(false);
        ch.config().setOption(ChannelOption.SO_KEEPALIVE, true);
        if (ch.remoteAddress() instanceof InetSocketAddress peer
                && budget.coolingDown(peer.getAddress(), clock.instant())) {
            // A frame of this address was refused moments ago. Closed before login: a sender that reconnects and
            // retries at once would otherwise cost every user an ADDUSER and a DELETEUSER per round.
            if (log.isDebugEnabled()) {
                log.debug(ChannelLog.format(ch, "closed on arrival: input-budget cooldown of this address"));
            }
            ch.close();
            return;
        }
        SeaFloodGate gate = new SeaFloodGate();
        SeaConnection connection = new SeaConnection(ch, limits, service.settings(), clock, gate, budget, sweeper);
        ch.attr(SeaConnection.KEY).set(connection);
        ChannelPipeline p = ch.pipeline();
        // Stateful stages (decoder cumulation, held frames, session context, login deadline): one per connection.
        p.addLast(roster, SeaPipeline.FRAME_DECODER, new SeaFrameDecoder(connection::maxFrameLength, connection));
        p.addLast(roster, SeaPipeline.FLOOD_GATE, gate);
        p.addLast(roster, SeaPipeline.COMMAND_DECODER, new SeaCommandDecoder(connection));
        p.addLast(roster, SeaPipeline.SESSION, new SeaSessionHandler(service, commands));
        // After the session stage: it is armed by the session's Admitted event.
        p.addLast(roster, SeaPipeline.LOGIN_TIMEOUT, new SeaLoginTimeoutHandler(sweeper, clock, service));
        p.addLast(roster, SeaPipeline.EXCEPTIONS, tail);
    }
}
