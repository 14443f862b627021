package dev.switchboard.sea.handler;

import dev.switchboard.core.budget.InputBudget;
import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.CoreCloseReason;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.connection.Goodbye;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.core.metrics.HandlingTimer;
import dev.switchboard.core.pipeline.TailExceptionHandler;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.codec.SeaCommandDecoder;
import dev.switchboard.sea.codec.SeaFrameDecoder;
import dev.switchboard.sea.service.SeaCloseReason;
import dev.switchboard.sea.service.SeaService;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;

/**
 * Builds a SEA connection's pipeline in {@link SeaPipeline} order, on the SEA I/O loop the connection is
 * registered with ({@link SeaIoLoops}). Every stage runs on that loop: framing, the flood gate, parsing, and
 * the hand-off of typed requests to the roster thread, which runs only the service. Reading starts only after
 * the roster admitted the connection (ban and class checks), so a refused connection is closed without a byte
 * being read (§12.1).
 */
public final class SeaChannelInitializer extends ChannelInitializer<Channel> {

    /** The protocol tag of SEA connections. */
    public static final String PROTOCOL = "sea";

    private final SeaRosterExecutor roster;
    private final SeaService service;
    private final SeaLimits limits;
    private final TimeoutSweeper sweeper;
    private final Clock clock;
    private final TailExceptionHandler tail;
    private final InputBudget budget;
    private final Disconnector disconnector;
    private final HandlingTimer commands;
    private final BroadcastMeter broadcasts;
    private final Goodbye goodbye;

    /**
     * @param commands   times each command's handling on the roster
     * @param broadcasts times fan-outs and their delivery lag
     */
    public SeaChannelInitializer(SeaRosterExecutor roster, SeaService service, SeaLimits limits,
                                 TimeoutSweeper sweeper, Clock clock, TailExceptionHandler tail, InputBudget budget,
                                 Disconnector disconnector, HandlingTimer commands, BroadcastMeter broadcasts) {
        this.roster = roster;
        this.service = service;
        this.limits = limits;
        this.sweeper = sweeper;
        this.clock = clock;
        this.tail = tail;
        this.budget = budget;
        this.disconnector = disconnector;
        this.commands = commands;
        this.broadcasts = broadcasts;
        // SEA has no goodbye message. On shutdown the first connection's goodbye closes every session on the
        // roster before any close reaches it, so the drain does not broadcast a DELETEUSER per departing session.
        this.goodbye = (channel, reason) -> {
            if (reason == CoreCloseReason.SHUTDOWN) {
                try {
                    roster.execute(service::shutdown);
                } catch (RejectedExecutionException rosterGone) {
                    // The roster stopped first: no session is left to tell anyone about.
                }
            }
            channel.close();
        };
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.config().setAutoRead(false);
        ch.config().setOption(ChannelOption.SO_KEEPALIVE, true);
        Connection connection = Connection.attach(ch, PROTOCOL, limits.slowConsumerMaxPending(), goodbye,
                disconnector);
        // SEA is IPv4 over TCP (§2.1); a unix-socket peer counts as the loopback address.
        InetAddress remote = ch.remoteAddress() instanceof InetSocketAddress peer ? peer.getAddress()
                : InetAddress.getLoopbackAddress();
        if (budget.coolingDown(remote, clock.instant())) {
            // A frame of this address was refused moments ago. Closed before login: a sender that reconnects and
            // retries at once would otherwise cost every user an ADDUSER and a DELETEUSER per round.
            connection.close(SeaCloseReason.INPUT_COOLDOWN, "a frame of this address was refused moments ago");
            return;
        }
        SeaFloodGate gate = new SeaFloodGate();
        SeaReadState state = new SeaReadState(connection, remote, limits, service.settings(), budget, sweeper, clock);
        SeaNettyLink link = new SeaNettyLink(connection, gate, roster, service, commands, broadcasts, limits, clock);
        ChannelPipeline p = ch.pipeline();
        p.addLast(SeaPipeline.FRAME_DECODER, new SeaFrameDecoder(state::maxFrameLength, state));
        p.addLast(SeaPipeline.FLOOD_GATE, gate);
        p.addLast(SeaPipeline.COMMAND_DECODER, new SeaCommandDecoder(state));
        p.addLast(SeaPipeline.SESSION, new SeaSessionHandler(link, state, roster, commands));
        p.addLast(SeaPipeline.EXCEPTIONS, tail);
    }
}
