package dev.switchboard.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records every log event at WARN or above, from any logger and thread, while it is open; tests use
 * it to prove that some input produced no ERROR line (or exactly one WARN line).
 */
public final class CapturedLogs implements AutoCloseable {

    /** One recorded event: level, logger, message and the stack trace text (empty when none). */
    public record Line(Level level, String logger, String message, String stackTrace) {
        @Override
        public String toString() {
            return level + " " + logger + " " + message + (stackTrace.isEmpty() ? "" : "\n" + stackTrace);
        }
    }

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                String trace = event.getThrowableProxy() == null ? ""
                        : ThrowableProxyUtil.asString(event.getThrowableProxy());
                lines.add(new Line(event.getLevel(), event.getLoggerName(), event.getFormattedMessage(), trace));
            }
        }
    };

    private CapturedLogs() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    /** Starts recording. */
    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** Everything recorded so far. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The ERROR lines recorded so far. */
    public List<Line> errors() {
        return lines.stream().filter(l -> l.level() == Level.ERROR).toList();
    }

    /** Lines whose message or stack trace contains {@code text}. */
    public List<Line> containing(String text) {
        return lines.stream().filter(l -> l.message().contains(text) || l.stackTrace().contains(text)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
