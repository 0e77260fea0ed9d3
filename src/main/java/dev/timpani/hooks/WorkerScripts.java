package dev.timpani.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The worker script and the {@code datarobot_drum} shim, shipped in the jar under {@code timpani/} and written
 * to a temporary directory that goes on the workers' {@code PYTHONPATH}; removed when the pool closes.
 */
final class WorkerScripts implements AutoCloseable {

    static final String WORKER = "worker.py";
    private static final List<String> RESOURCES = List.of(WORKER, "datarobot_drum/__init__.py");

    private final Path directory;

    private WorkerScripts(Path directory) {
        this.directory = directory;
    }

    static WorkerScripts extract() {
        try {
            Path directory = Files.createTempDirectory("timpani-workers-");
            for (String resource : RESOURCES) {
                Path target = directory.resolve(resource);
                Files.createDirectories(target.getParent());
                try (InputStream in = WorkerScripts.class.getResourceAsStream("/timpani/" + resource)) {
                    if (in == null) {
                        throw new IllegalStateException("The jar lacks timpani/" + resource);
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return new WorkerScripts(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Python worker script to a temporary directory", e);
        }
    }

    Path directory() {
        return directory;
    }

    Path worker() {
        return directory.resolve(WORKER);
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
