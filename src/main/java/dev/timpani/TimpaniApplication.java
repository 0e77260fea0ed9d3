package dev.timpani;

import dev.timpani.cli.TimpaniCommand;
import dev.timpani.config.TimpaniProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The Spring Boot application; {@link #main} hands the command line to {@link TimpaniCommand}. The configuration
 * is one tree, {@link TimpaniProperties}, named here rather than found by a second scan of every class at start-up.
 */
@SpringBootApplication
@EnableConfigurationProperties(TimpaniProperties.class)
public class TimpaniApplication {

    public static void main(String[] args) throws Throwable {
        if (UnpackedJar.launch(TimpaniApplication.class, args)) {
            return;
        }
        int exitCode = TimpaniCommand.run(args);
        if (exitCode != TimpaniCommand.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }
}
