package dev.switchboard.example.service;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LogbackLogFiles} on a private Logback context: deleted files come back after a reopen. */
class LogbackLogFilesTest {

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();

    @BeforeEach
    void startContext() {
        // A bare context has no MDC adapter, and appending without one fails.
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void reopen_whenPlainFileDeleted_thenRecreatedAndWrittenAgain() throws Exception {
        Path file = dir.resolve("plain.log");
        Logger logger = context.getLogger("test");
        logger.addAppender(fileAppender(file));
        logger.info("before");
        Files.delete(file);

        int reopened = new LogbackLogFiles(context).reopen();
        logger.info("after");

        assertThat(reopened).isEqualTo(1);
        assertThat(Files.readString(file)).isEqualTo("after\n");
    }

    @Test
    void reopen_whenRollingFileInsideAsyncAppenderMoved_thenNewFileCreated() throws Exception {
        Path file = dir.resolve("rolling.log");
        RollingFileAppender<ILoggingEvent> rolling = rollingAppender(file);
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("ASYNC");
        async.addAppender(rolling);
        async.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(async);
        root.addAppender(rolling);   // attached twice: must be reopened once
        Files.move(file, dir.resolve("rolling.log.1"));

        int reopened = new LogbackLogFiles(context).reopen();

        assertThat(reopened).isEqualTo(1);
        assertThat(rolling.isStarted()).isTrue();
        assertThat(file).exists();
        root.info("fresh");
        assertThat(Files.readString(file)).contains("fresh");
    }

    @Test
    void reopen_whenNoFileAppenders_thenZero() {
        assertThat(new LogbackLogFiles(context).reopen()).isZero();
    }

    private FileAppender<ILoggingEvent> fileAppender(Path file) {
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toString());
        appender.setEncoder(encoder());
        appender.start();
        return appender;
    }

    private RollingFileAppender<ILoggingEvent> rollingAppender(Path file) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("ROLLING");
        appender.setFile(file.toString());
        appender.setEncoder(encoder());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(dir.resolve("rolling.%d{yyyy-MM-dd}.%i.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setTriggeringPolicy(policy);
        appender.start();
        return appender;
    }

    private PatternLayoutEncoder encoder() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        return encoder;
    }
}
