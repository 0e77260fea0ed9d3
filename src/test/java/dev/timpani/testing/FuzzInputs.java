package dev.timpani.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The inputs the Jazzer fuzz tests saved (seeds and every crashing or slow input found), replayed as plain JUnit
 * tests in every build: Jazzer itself runs only under {@code -Pfuzz}, since its agent cannot share the test JVM
 * with the rest of the suite.
 */
public final class FuzzInputs {

    private FuzzInputs() {
    }

    /** Each file under {@code <package>/<fuzzTest>Inputs/<method>/} as (name, bytes). */
    public static Stream<Arguments> of(Class<?> fuzzTest, String method) {
        String folder = fuzzTest.getPackageName().replace('.', '/') + "/" + fuzzTest.getSimpleName() + "Inputs/" + method;
        URL url = fuzzTest.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException("No saved fuzz inputs at " + folder);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(Files::isRegularFile).sorted().map(file -> Arguments.of(file.getFileName().toString(),
                    read(file))).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
