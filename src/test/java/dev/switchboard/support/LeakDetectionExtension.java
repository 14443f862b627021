package dev.switchboard.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails the running test when Netty's leak detector reports a {@code LEAK:} (registered for every
 * test through the service loader; Surefire sets the detector to PARANOID). A report shows up when
 * the leaked buffer has been collected, so it fails the test during or after the leaking one.
 */
public final class LeakDetectionExtension implements BeforeAllCallback, AfterEachCallback {

    private static final LeakAppender APPENDER = new LeakAppender();

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (APPENDER) {
            if (!APPENDER.isStarted()) {
                Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
                APPENDER.setContext(logger.getLoggerContext());
                APPENDER.start();
                logger.addAppender(APPENDER);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!APPENDER.reports.isEmpty()) {
            String first = APPENDER.reports.get(0);
            APPENDER.reports.clear();
            throw new AssertionError("Netty reported a buffer leak: " + first);
        }
    }

    private static final class LeakAppender extends AppenderBase<ILoggingEvent> {
        final List<String> reports = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getFormattedMessage().contains("LEAK:")) {
                reports.add(event.getFormattedMessage());
            }
        }
    }
}
