package dev.timpani.config;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Iterator;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * R-LOG-1: logs go to stderr, as DRUM's (Python logging's default) do; stdout carries only what a command prints,
 * such as {@code score}'s predictions, so {@code score > out.csv} is clean and harnesses that read the load error
 * from stderr find it. Spring Boot's console appender writes to stdout, so right after Boot has set logging up
 * (with or without structured logs) its console appender is pointed at stderr.
 */
public final class LogsOnStderr implements SmartApplicationListener {

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> appenders =
                    context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
            appenders.forEachRemaining(LogsOnStderr::toStderr);
        }
    }

    private static void toStderr(Appender<?> appender) {
        if (appender instanceof ConsoleAppender<?> console && !"System.err".equals(console.getTarget())) {
            console.stop();
            console.setTarget("System.err");
            console.start();
        }
    }
}
