package dev.timpani.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The model a bare {@code java -jar timpani.jar} serves: {@code examples/xgboost-regression} of the repository,
 * packed into the jar and copied to a temporary folder, since loaders read files.
 */
final class EmbeddedExample {

    static final String NAME = "xgboost-regression";
    static final TargetType TARGET_TYPE = TargetType.REGRESSION;

    private EmbeddedExample() {
    }

    static Path extract() {
        try {
            Path dir = Files.createTempDirectory("timpani-example-");
            dir.toFile().deleteOnExit();
            Resource[] files = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:timpani/examples/" + NAME + "/model/*");
            for (Resource file : files) {
                Path target = dir.resolve(file.getFilename());
                try (InputStream in = file.getInputStream()) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
            }
            if (files.length == 0) {
                throw new ModelLoadException("The embedded example model is missing from this build; pass --code-dir");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the embedded example model", e);
        }
    }
}
