package dev.switchboard.support.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Captures ERROR lines (and Netty {@code LEAK:} reports) logged anywhere while a piece of code runs, so a
 * property can assert that no input produced one: bad input may warn once, never log an error.
 */
public final class ErrorLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private ErrorLog() {
    }

    /** Starts capturing on the root logger; {@link #close} stops. */
    public static ErrorLog capture() {
        ErrorLog log = new ErrorLog();
        log.setContext(log.root.getLoggerContext());
        log.start();
        log.root.addAppender(log);
        return log;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (event.getLevel().isGreaterOrEqual(Level.ERROR) || (message != null && message.contains("LEAK:"))) {
            String thrown = event.getThrowableProxy() == null ? "" : " (" + event.getThrowableProxy().getClassName()
                    + ": " + event.getThrowableProxy().getMessage() + ")";
            errors.add(event.getLevel() + " " + event.getLoggerName() + ": " + message + thrown);
        }
    }

    /** The ERROR and LEAK lines seen so far. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Fails when an ERROR or LEAK line was logged. */
    public void assertNone() {
        if (!errors.isEmpty()) {
            throw new AssertionError(errors.size() + " ERROR/LEAK line(s) logged, first: " + errors.get(0));
        }
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
