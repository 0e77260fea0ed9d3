package dev.timpani.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkFiles;

/**
 * A model folder as a local directory the loaders can read: a local path as is; a name given to
 * {@code SparkContext.addFile(dir, true)} from this JVM's {@code SparkFiles} directory; any other Hadoop file system
 * URI copied once per JVM into a temporary directory.
 */
final class CodeDirs {

    private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

    private CodeDirs() {
    }

    static Path local(String codeDir) {
        URI uri;
        try {
            uri = new URI(codeDir);
        } catch (java.net.URISyntaxException e) {
            uri = null; // a local path with characters a URI does not allow
        }
        String scheme = uri == null ? null : uri.getScheme();
        if (scheme == null || scheme.length() == 1 || "file".equals(scheme)) {
            Path path = "file".equals(scheme) ? Path.of(uri) : Path.of(codeDir);
            if (Files.exists(path) || path.isAbsolute()) {
                return path;
            }
            Path shipped = sparkFile(codeDir);
            return shipped != null ? shipped : path;
        }
        return COPIES.computeIfAbsent(codeDir, CodeDirs::copy);
    }

    private static Path sparkFile(String name) {
        try {
            Path shipped = Path.of(SparkFiles.get(name));
            return Files.exists(shipped) ? shipped : null;
        } catch (RuntimeException e) {
            return null; // no SparkContext in this JVM
        }
    }

    private static Path copy(String codeDir) {
        try {
            Path target = Files.createTempDirectory("timpani-code-dir");
            org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(codeDir);
            FileSystem fs = source.getFileSystem(new Configuration());
            fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(target.toUri()), true);
            Path copied = target.resolve(source.getName());
            return Files.isDirectory(copied) ? copied : target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the model folder " + codeDir + ": " + e.getMessage(), e);
        }
    }
}
