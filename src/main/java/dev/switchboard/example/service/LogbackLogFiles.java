package dev.switchboard.example.service;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@link LogFiles} over Logback: every {@link FileAppender} (so also {@link RollingFileAppender}) attached
 * to any logger, directly or inside an {@code AsyncAppender}, is stopped and started again, which closes
 * the old stream and opens (creating if needed) the configured file.
 */
public final class LogbackLogFiles implements LogFiles {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(LogbackLogFiles.class);

    private final ILoggerFactory loggerFactory;

    public LogbackLogFiles(ILoggerFactory loggerFactory) {
        this.loggerFactory = loggerFactory;
    }

    @Override
    public int reopen() {
        if (!(loggerFactory instanceof LoggerContext context)) {
            log.warn("Logging backend is {}, not Logback: no log files to reopen", loggerFactory.getClass().getName());
            return 0;
        }
        List<FileAppender<?>> files = findFileAppenders(context);
        int reopened = 0;
        for (FileAppender<?> appender : files) {
            if (reopen(appender)) {
                reopened++;
            }
        }
        return reopened;
    }

    /** Every distinct file appender in the context. */
    List<FileAppender<?>> findFileAppenders(LoggerContext context) {
        Set<Appender<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<FileAppender<?>> found = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            collect(logger.iteratorForAppenders(), seen, found);
        }
        return found;
    }

    private static void collect(Iterator<? extends Appender<ILoggingEvent>> appenders, Set<Appender<?>> seen,
                                List<FileAppender<?>> found) {
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> appender = appenders.next();
            if (!seen.add(appender)) {
                continue;
            }
            if (appender instanceof FileAppender<?> file) {
                found.add(file);
            } else if (appender instanceof AppenderAttachable<?> attachable) {
                @SuppressWarnings("unchecked")
                AppenderAttachable<ILoggingEvent> nested = (AppenderAttachable<ILoggingEvent>) attachable;
                collect(nested.iteratorForAppenders(), seen, found);
            }
        }
    }

    private static boolean reopen(FileAppender<?> appender) {
        if (!appender.isStarted()) {
            return false;
        }
        appender.stop();
        // RollingFileAppender.stop() also stops its policies, and start() refuses to run without them.
        if (appender instanceof RollingFileAppender<?> rolling) {
            if (rolling.getRollingPolicy() != null && !rolling.getRollingPolicy().isStarted()) {
                rolling.getRollingPolicy().start();
            }
            if (rolling.getTriggeringPolicy() != null && !rolling.getTriggeringPolicy().isStarted()) {
                rolling.getTriggeringPolicy().start();
            }
        }
        appender.start();
        if (!appender.isStarted()) {
            log.error("Log appender {} did not restart after rotation; see Logback's status messages",
                    appender.getName());
            return false;
        }
        return true;
    }
}
