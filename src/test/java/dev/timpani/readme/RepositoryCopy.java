package dev.timpani.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * What a fresh clone holds: the files git tracks ({@code git ls-files}), copied from the working tree, and nothing
 * else (no {@code target/}, no ignored or untracked files). In CI, which builds a fresh clone, that is the clone.
 */
final class RepositoryCopy {

    private RepositoryCopy() {
    }

    static Path of(Path repository, Path target) throws IOException, InterruptedException {
        Path list = Files.createTempFile("ls-files-", ".txt");
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z").directory(repository.toFile())
                    .redirectOutput(list.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!git.waitFor(1, TimeUnit.MINUTES) || git.exitValue() != 0) {
                throw new AssertionError("git ls-files failed in " + repository.toAbsolutePath()
                        + ": the README test copies the repository's tracked files, so it runs in a git clone");
            }
            int copied = 0;
            for (String name : Files.readString(list, StandardCharsets.UTF_8).split("\0")) {
                Path source = repository.resolve(name);
                if (name.isEmpty() || !Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // deleted in the working tree, not yet committed
                }
                Path destination = target.resolve(name);
                Files.createDirectories(destination.getParent());
                Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                copied++;
            }
            if (copied == 0) {
                throw new AssertionError("git ls-files listed no files in " + repository.toAbsolutePath());
            }
            return target;
        } finally {
            Files.deleteIfExists(list);
        }
    }
}
