package dev.timpani.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * DRUM's flags that every sub-command accepts (R-CLI-9): the language of the runtime, how much to log, and
 * whether load failures show their stack trace.
 */
class CommonOptions {

    @Option(names = "--language", description = "python, r or java: the runtime to serve the folder with where its "
            + "files allow several (e.g. a .pkl beside a custom.R)")
    String language;

    @Option(names = "--logging-level", description = "Log level: debug, info, warning, error, critical")
    String loggingLevel;

    @Option(names = "--verbose", description = "Log Timpani's own detail (debug level for dev.timpani)")
    boolean verbose;

    @Option(names = "--show-stacktrace", description = "Log stack traces of load failures (env SHOW_STACKTRACE)")
    boolean showStacktrace;

    /** The {@code timpani.*} and logging properties these flags set; flags not given set nothing. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        ModelOptions.put(properties, "timpani.language", language == null ? null : language.toLowerCase(Locale.ROOT));
        ModelOptions.put(properties, "logging.level.root", logLevel(loggingLevel));
        if (verbose) {
            // DRUM's detail switch (R-LOG-1): Timpani's own debug lines, not every framework's.
            properties.put("logging.level.dev.timpani", "debug");
        }
        if (showStacktrace) {
            properties.put("timpani.drum.show-stacktrace", "true");
        }
        return properties;
    }

    /** Python's level names as Spring's: {@code warning} is {@code warn}, {@code critical} is {@code error}. */
    static String logLevel(String level) {
        if (level == null) {
            return null;
        }
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "warning" -> "warn";
            case "critical" -> "error";
            default -> level.toLowerCase(Locale.ROOT);
        };
    }
}
