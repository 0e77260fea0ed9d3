package dev.timpani.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Hooks in tests write a marker file when they reach a point (say, inside {@code score}); tests wait for it
 * instead of guessing how long a Python worker takes to get there on a busy machine.
 */
public final class MarkerFiles {

    private MarkerFiles() {
    }

    /** Waits for {@code file} to exist; fails after {@code timeout} with {@code context} (a server log, say). */
    public static void await(Path file, Duration timeout, Supplier<String> context) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No " + file.getFileName() + " within " + timeout.toSeconds() + " s: "
                        + context.get());
            }
            Thread.sleep(20);
        }
    }
}
