package dev.timpani.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A language's worker script (for Python also the {@code datarobot_drum} shim), shipped in the jar under
 * {@code timpani/} and written to a temporary directory (for Python on the workers' {@code PYTHONPATH});
 * removed when the pool closes.
 */
final class WorkerScripts implements AutoCloseable {

    private final Path directory;
    private final String worker;

    private WorkerScripts(Path directory, String worker) {
        this.directory = directory;
        this.worker = worker;
    }

    static WorkerScripts extract(WorkerLanguage language) {
        try {
            Path directory = Files.createTempDirectory("timpani-workers-");
            for (String resource : language.resources()) {
                Path target = directory.resolve(resource);
                Files.createDirectories(target.getParent());
                try (InputStream in = WorkerScripts.class.getResourceAsStream("/timpani/" + resource)) {
                    if (in == null) {
                        throw new IllegalStateException("The jar lacks timpani/" + resource);
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return new WorkerScripts(directory, language.worker());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the " + language.displayName() + " worker script to a temporary directory", e);
        }
    }

    Path directory() {
        return directory;
    }

    Path worker() {
        return directory.resolve(worker);
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
