package dev.timpani.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The shared model corpus ({@code ../shared/corpus}): real models with the predictions their own framework made.
 * Missing corpus: the test is skipped, unless {@code TIMPANI_REQUIRE_ALL_TESTS} says nothing may be skipped.
 */
public final class Corpus {

    private Corpus() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("timpani.corpus", "../shared/corpus")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            if (RequireAll.enabled()) {
                throw new IllegalStateException("The model corpus is missing at " + root);
            }
            Assumptions.abort("The model corpus is missing at " + root);
        }
        return root;
    }

    public static CorpusCase get(String name) {
        return load(root().resolve(name));
    }

    /** Every case whose folder name starts with one of the prefixes, sorted by name. */
    public static Stream<CorpusCase> cases(String... prefixes) {
        try (Stream<Path> folders = Files.list(root())) {
            List<Path> matching = folders.filter(Files::isDirectory)
                    .filter(folder -> Stream.of(prefixes).anyMatch(p -> folder.getFileName().toString().startsWith(p)))
                    .sorted().toList();
            return matching.stream().map(Corpus::load);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CorpusCase load(Path folder) {
        try (Reader reader = Files.newBufferedReader(folder.resolve("case.yaml"), StandardCharsets.UTF_8)) {
            return CorpusCase.of(folder, new Yaml().load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
