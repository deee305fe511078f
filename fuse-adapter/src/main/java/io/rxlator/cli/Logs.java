package io.rxlator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/** Logging set up from the command line: a level, a file, and the translators' debug output. */
final class Logs {

    private Logs() {
    }

    static Level level(String command, String name) throws Main.UsageException {
        Level l = Level.toLevel(name.toUpperCase(Locale.ROOT), null);
        if (l == null) {
            throw new Main.UsageException(command + ": log level '" + name + "' is not one of ERROR, WARN, INFO, DEBUG, TRACE");
        }
        return l;
    }

    /**
     * Sets the root level, turns on DEBUG for rxlator's loggers when asked, and sends everything
     * to {@code file} instead of the console when one is given.
     */
    static void configure(String command, @Nullable String level, @Nullable Path file, boolean debug)
            throws Main.UsageException {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (level != null) {
            root.setLevel(level(command, level));
        }
        if (debug) {
            ctx.getLogger("rxlator").setLevel(Level.DEBUG);
        }
        if (file != null) {
            PatternLayoutEncoder enc = new PatternLayoutEncoder();
            enc.setContext(ctx);
            enc.setPattern("[%d{yyyy-MM-dd HH:mm:ss.SSS}] %-5level [%logger{0}] %msg%n");
            enc.start();
            FileAppender<ILoggingEvent> appender = new FileAppender<>();
            appender.setContext(ctx);
            appender.setFile(file.toString());
            appender.setEncoder(enc);
            appender.start();
            root.detachAndStopAllAppenders();
            root.addAppender(appender);
        }
    }
}
