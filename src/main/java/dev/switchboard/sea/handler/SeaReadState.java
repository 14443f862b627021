package dev.switchboard.sea.handler;

import dev.switchboard.core.budget.InputBudget;
import dev.switchboard.core.budget.Reservation;
import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.codec.SeaDecodeContext;
import dev.switchboard.sea.codec.SeaFrameAllowance;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.message.SeaVersions;
import dev.switchboard.sea.message.SetUserInfo;
import dev.switchboard.sea.service.SeaCloseReason;
import dev.switchboard.sea.service.SeaSettings;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;

/**
 * What a SEA connection's decoders need to know, owned by the connection's I/O loop (every method runs there):
 * the frame-size cap and parse version (§2.4, F18) and the connection's share of the input budget with its
 * deadline.
 *
 * <p>The cap and version follow the session's LOGIN and SETUSERINFO, which the service applies later on its own
 * thread. They are tracked here from the decoded requests themselves ({@link #decoded}), so parsing never waits
 * for the service: the service applies the same requests in the same order, so both agree, except after the
 * service has ended the session, when nothing decoded is handled any more.
 */
final class SeaReadState implements SeaDecodeContext, SeaFrameAllowance {

    private final Connection connection;
    private final SeaLimits limits;
    private final SeaSettings settings;
    private final InputBudget budget;
    private final TimeoutSweeper sweeper;
    private final Clock clock;
    private final InetAddress remoteAddress;
    private boolean loginDecoded;
    private byte version;
    private Reservation reservation = Reservation.UNTRACKED;
    private TimeoutSweeper.Registration frameDeadline;

    SeaReadState(Connection connection, InetAddress remoteAddress, SeaLimits limits, SeaSettings settings,
                 InputBudget budget, TimeoutSweeper sweeper, Clock clock) {
        this.connection = connection;
        this.remoteAddress = remoteAddress;
        this.limits = limits;
        this.settings = settings;
        this.budget = budget;
        this.sweeper = sweeper;
        this.clock = clock;
        // A close may come from any side at any time: the share goes back with the connection (on the loop).
        connection.channel().closeFuture().addListener(closed -> releaseFrame());
    }

    /** The largest frame length accepted next (§2.4, F18). */
    int maxFrameLength() {
        if (!loginDecoded) {
            return limits.loginFrame();
        }
        return SeaVersions.bigMessages(version) ? limits.frame() : limits.legacyFrame();
    }

    /**
     * Follows a decoded request: the first frame, if a LOGIN, logs the session in (any other first frame gets it
     * killed); after it, SETUSERINFO sets the version.
     */
    void decoded(SeaRequest request) {
        if (!loginDecoded) {
            loginDecoded = request.command() instanceof Login;
        } else if (request.command() instanceof SetUserInfo info) {
            version = info.version();
        }
    }

    @Override
    public byte version() {
        return version;
    }

    @Override
    public boolean strict() {
        return settings.strict();
    }

    /**
     * A frame whose body is still arriving: reserves its declared length from the input budget and starts its
     * deadline. A refused frame closes the connection; the decoder then discards the rest of the input.
     */
    @Override
    public boolean frameStarted(int length) {
        Reservation granted = budget.reserve(remoteAddress, length);
        if (granted.refusal() != null) {
            budget.startCooldown(remoteAddress, clock.instant());
            connection.close(SeaCloseReason.INPUT_BUDGET, "frame of " + length + " bytes refused: the input budget "
                    + (granted.refusal() == InputBudget.Refusal.PER_ADDRESS
                    ? "of this address (" + budget.perAddress() + " bytes)"
                    : "of the gateway (" + budget.total() + " bytes)") + " is in use");
            return false;
        }
        reservation = granted;
        if (granted.holdsBytes()) {
            Instant deadline = clock.instant().plus(limits.largeFrameTimeout());
            frameDeadline = sweeper.register(connection.channel().eventLoop(), now -> {
                if (!granted.holdsBytes()) {
                    return false;
                }
                if (now.isBefore(deadline)) {
                    return true;
                }
                connection.close(SeaCloseReason.FRAME_TIMEOUT, "frame of " + length + " bytes still incomplete after "
                        + limits.largeFrameTimeout().toSeconds() + " s");
                return false;
            });
        }
        return true;
    }

    @Override
    public void frameCompleted() {
        releaseFrame();
    }

    private void releaseFrame() {
        reservation.release();
        reservation = Reservation.UNTRACKED;
        if (frameDeadline != null) {
            frameDeadline.close();
            frameDeadline = null;
        }
    }
}
