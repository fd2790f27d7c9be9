package org.rtcbench.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Sends every log line (ours, Selenium's, Jetty's) to the run's log file, and to stderr only with --verbose. */
final class Logging {
    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    private Logging() {
    }

    /** Routes java.util.logging (Selenium) into SLF4J, and optionally to stderr. */
    static void init(boolean verbose) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        if (verbose) {
            LoggerContext ctx = context();
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(ctx);
            console.setName("stderr");
            console.setTarget("System.err");
            console.setEncoder(encoder(ctx));
            console.start();
            root(ctx).addAppender(console);
            root(ctx).setLevel(Level.DEBUG);
        }
    }

    /** Adds {@code file} (the run's rtcbench.log) as a log destination. */
    static void toFile(Path file) {
        LoggerContext ctx = context();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(ctx);
        appender.setName("run-log");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder(ctx));
        appender.start();
        root(ctx).addAppender(appender);
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    private static ch.qos.logback.classic.Logger root(LoggerContext ctx) {
        return ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
