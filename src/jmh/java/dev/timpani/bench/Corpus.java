package dev.timpani.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shared corpus the benchmarks read: {@code -Dtimpani.corpus=...}, else {@code ../shared/corpus}. */
public final class Corpus {

    private Corpus() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("timpani.corpus", "../shared/corpus")).toAbsolutePath().normalize();
    }

    public static Path modelDir(String caseName) {
        return dir().resolve(caseName).resolve("model");
    }

    /** The single artifact of the case's model folder. */
    public static Path artifact(String caseName) {
        try (var files = Files.list(modelDir(caseName))) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            if (all.size() != 1) {
                throw new IllegalStateException("expected one artifact in " + modelDir(caseName) + ": " + all);
            }
            return all.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The case's input.csv with its data rows repeated (in order, wrapping) to {@code rows} rows: the same body
     * bench/predict-load.sh sends.
     */
    public static byte[] csv(String caseName, int rows) {
        try {
            List<String> lines = Files.readAllLines(dir().resolve(caseName).resolve("input.csv"), StandardCharsets.UTF_8)
                    .stream().filter(line -> !line.isEmpty()).toList();
            StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
            int data = lines.size() - 1;
            for (int i = 0; i < rows; i++) {
                out.append(lines.get(1 + i % data)).append('\n');
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
