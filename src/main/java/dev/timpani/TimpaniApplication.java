package dev.timpani;

import dev.timpani.cli.TimpaniCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application; {@link #main} hands the command line to {@link TimpaniCommand}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TimpaniApplication {

    public static void main(String[] args) {
        int exitCode = TimpaniCommand.run(args);
        if (exitCode != TimpaniCommand.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }
}
