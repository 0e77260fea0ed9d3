package dev.timpani.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A language's worker files (for Python the {@code worker.py} script, its {@code timpani_worker} package and the
 * {@code datarobot_drum} shim), shipped in the jar under {@code timpani/} and written to a temporary directory (for
 * Python on the workers' {@code PYTHONPATH}); removed when the pool closes.
 *
 * <p>Every file the language's manifest lists is written, or the extraction fails naming the one the jar lacks.
 * Each pool writes a fresh directory, so no earlier extraction is ever reused; and the {@link #version() digest}
 * of what was written is each worker's {@code TIMPANI_WORKER_VERSION}, by which the Python worker checks, before it
 * serves anything, that it runs from exactly those files ({@code timpani_worker/extraction.py}), not a stale,
 * half-written or shadowing copy.
 */
final class WorkerScripts implements AutoCloseable {

    private static final String ROOT = "/timpani/";

    private final Path directory;
    private final String worker;
    private final String version;

    private WorkerScripts(Path directory, String worker, String version) {
        this.directory = directory;
        this.worker = worker;
        this.version = version;
    }

    static WorkerScripts extract(WorkerLanguage language) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("timpani-workers-");
            List<String> files = manifest(language);
            MessageDigest digest = sha256();
            Files.write(directory.resolve(language.manifest()), resource(language.manifest()));
            for (String file : files) {
                byte[] content = resource(file);
                Path target = directory.resolve(file);
                Files.createDirectories(target.getParent());
                Files.write(target, content);
                update(digest, file, content);
            }
            return new WorkerScripts(directory, language.worker(), hex(digest));
        } catch (IOException e) {
            delete(directory);
            throw new UncheckedIOException("Cannot write the " + language.displayName()
                    + " worker's files to a temporary directory", e);
        } catch (RuntimeException e) {
            delete(directory);
            throw e;
        }
    }

    /** The files a language's worker is made of, in the manifest's order. */
    static List<String> manifest(WorkerLanguage language) {
        List<String> files = new ArrayList<>();
        for (String line : new String(resource(language.manifest()), StandardCharsets.UTF_8).split("\n")) {
            String file = line.strip();
            if (!file.isEmpty() && !file.startsWith("#")) {
                files.add(file);
            }
        }
        return files;
    }

    /**
     * One file's part of the digest, as {@code extraction.digest} in Python computes it: its path, a NUL, its
     * length in decimal, a NUL, then its bytes.
     */
    static void update(MessageDigest digest, String file, byte[] content) {
        digest.update((file + "\0" + content.length + "\0").getBytes(StandardCharsets.UTF_8));
        digest.update(content);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The first 16 hex digits, as the Python side keeps them. */
    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static byte[] resource(String file) {
        try (InputStream in = WorkerScripts.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("The jar lacks timpani/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read timpani/" + file + " from the jar", e);
        }
    }

    Path directory() {
        return directory;
    }

    Path worker() {
        return directory.resolve(worker);
    }

    /** The digest of the files written: each worker's {@code TIMPANI_WORKER_VERSION}. */
    String version() {
        return version;
    }

    @Override
    public void close() {
        delete(directory);
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
