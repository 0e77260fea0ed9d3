package dev.timpani;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * {@code java -jar timpani.jar} run from an unpacked copy of the jar, in the same process.
 *
 * <p>Spring Boot's launcher reads the application's ten thousand classes out of the 120-odd jars nested in the fat
 * jar: every lookup walks the nested jars through {@code jar:nested:} URL connections, and every new package scans
 * them again. On two cores that was 0.7–1.1 s of start-up and 1.2 s of CPU more than the same classes from plain
 * files (bench/README.md, "Start-up"). So the first run copies the nested jars out once into a cache folder (a plain
 * copy: Spring Boot stores them uncompressed), and every run loads the application from there through the JDK's own
 * {@link URLClassLoader}, with the same arguments, in the same JVM: no second process, no JVM flags.
 *
 * <p>Nothing else changes: {@code bin/timpani}, the Docker image and {@code spring-boot:run} already run unpacked.
 * {@code TIMPANI_UNPACK=false} (or {@code -Dtimpani.unpack=false}) turns it off, and anything that goes wrong while
 * unpacking only costs the speed-up: the application then runs from the jar as before.
 */
final class UnpackedJar {

    /** Set to the folder the application runs from, once it does; also what stops a second unpacking. */
    static final String PROPERTY = "timpani.unpacked";

    private static final String CLASSES = "BOOT-INF/classes/";
    private static final String LIB = "BOOT-INF/lib/";
    private static final String CLASSPATH_INDEX = "BOOT-INF/classpath.idx";
    private static final String APPLICATION_JAR = "application.jar";
    private static final String CLASSPATH_FILE = "classpath";
    private static final String SOURCE_FILE = "source";

    private UnpackedJar() {
    }

    /**
     * Runs {@code mainClass.main(args)} from the unpacked copy when this process was started from the fat jar.
     *
     * @return false when it did not (not a fat jar, turned off, or unpacking failed): the caller goes on as usual
     */
    static boolean launch(Class<?> mainClass, String[] args) throws Throwable {
        Path jar = fatJar(mainClass);
        if (jar == null || !enabled()) {
            return false;
        }
        Path dir;
        try {
            dir = unpacked(jar, cacheRoot().resolve("unpacked"));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            System.err.println("timpani: running from the jar itself; could not unpack it for a faster start: " + e);
            return false;
        }
        System.setProperty(PROPERTY, dir.toString());
        // The system class loader as parent, as Spring Boot's launcher has it.
        URLClassLoader loader = new URLClassLoader("timpani", classpath(dir), ClassLoader.getSystemClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        try {
            loader.loadClass(mainClass.getName()).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        return true;
    }

    /** The fat jar this class was loaded from by Spring Boot's launcher, or null when it was not. */
    private static Path fatJar(Class<?> mainClass) {
        if (System.getProperty(PROPERTY) != null) {
            return null;
        }
        var source = mainClass.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null
                || !source.getLocation().toString().startsWith("jar:nested:")) {
            return null;
        }
        // `java -jar x.jar` puts exactly that jar on the class path.
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator)) {
            return null;
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        return Files.isRegularFile(jar) ? jar : null;
    }

    private static boolean enabled() {
        String value = System.getProperty("timpani.unpack", System.getenv("TIMPANI_UNPACK"));
        return value == null || !value.trim().equalsIgnoreCase("false");
    }

    /** Where bin/timpani keeps its caches too. */
    static Path cacheRoot() {
        String configured = System.getenv("TIMPANI_CACHE_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("timpani");
    }

    /**
     * The folder holding {@code jar} unpacked under {@code root}, unpacking it first if no run has yet. One folder
     * per build of the jar (its path, size and time); a new build's folder replaces the older builds' of that path.
     */
    static Path unpacked(Path jar, Path root) throws IOException {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path dir = root.resolve(name + "-" + key(jar));
        if (Files.isRegularFile(dir.resolve(CLASSPATH_FILE))) {
            return dir;
        }
        Files.createDirectories(root);
        Path staging = Files.createTempDirectory(root, name + ".unpacking-");
        try {
            unpack(jar, staging);
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // Another process unpacked the same build meanwhile: use its folder.
                if (!Files.isRegularFile(dir.resolve(CLASSPATH_FILE))) {
                    throw e;
                }
            }
        } finally {
            deleteRecursively(staging);
        }
        removeOlderBuilds(jar, root, dir);
        return dir;
    }

    private static String key(Path jar) throws IOException {
        String identity = jar + "\n" + Files.size(jar) + "\n" + Files.getLastModifiedTime(jar).toMillis();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The nested jars copied out as they are, the application's own classes into one jar with the fat jar's
     * manifest (its Implementation-Version is the version Timpani reports), and the class path order of
     * {@code classpath.idx}, written last.
     */
    static void unpack(Path jar, Path into) throws IOException {
        Path lib = Files.createDirectories(into.resolve("lib"));
        List<String> libraries = new ArrayList<>();
        try (JarFile fat = new JarFile(jar.toFile(), false)) {
            Manifest manifest = fat.getManifest() == null ? new Manifest() : fat.getManifest();
            try (JarOutputStream application = new JarOutputStream(
                    Files.newOutputStream(into.resolve(APPLICATION_JAR)), manifest)) {
                // Written once, read at every start: the fastest compression does.
                application.setLevel(Deflater.BEST_SPEED);
                for (JarEntry entry : (Iterable<JarEntry>) fat.stream()::iterator) {
                    String path = entry.getName();
                    if (path.startsWith(LIB) && path.endsWith(".jar") && path.indexOf('/', LIB.length()) < 0) {
                        String file = path.substring(LIB.length());
                        try (InputStream in = fat.getInputStream(entry)) {
                            Files.copy(in, lib.resolve(file));
                        }
                        libraries.add(file);
                    } else if (path.startsWith(CLASSES) && path.length() > CLASSES.length()) {
                        application.putNextEntry(new JarEntry(path.substring(CLASSES.length())));
                        if (!entry.isDirectory()) {
                            try (InputStream in = fat.getInputStream(entry)) {
                                in.transferTo(application);
                            }
                        }
                        application.closeEntry();
                    }
                }
            }
            List<String> order = classpathOrder(fat, libraries);
            Path source = into.resolve(SOURCE_FILE);
            Files.writeString(source, jar.toString());
            Files.write(into.resolve(CLASSPATH_FILE), order);
        }
    }

    /** The libraries in {@code classpath.idx}'s order (Spring Boot's class path order), any others after. */
    private static List<String> classpathOrder(JarFile fat, List<String> libraries) throws IOException {
        Set<String> order = new LinkedHashSet<>();
        JarEntry index = fat.getJarEntry(CLASSPATH_INDEX);
        if (index != null) {
            try (InputStream in = fat.getInputStream(index)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    // - "BOOT-INF/lib/name.jar"
                    int start = line.indexOf(LIB);
                    int end = line.lastIndexOf('"');
                    if (start >= 0 && end > start) {
                        String file = line.substring(start + LIB.length(), end);
                        if (libraries.contains(file)) {
                            order.add(file);
                        }
                    }
                }
            }
        }
        order.addAll(libraries);
        return List.copyOf(order);
    }

    static URL[] classpath(Path dir) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(url(dir.resolve(APPLICATION_JAR)));
        for (String library : Files.readAllLines(dir.resolve(CLASSPATH_FILE))) {
            if (!library.isBlank()) {
                urls.add(url(dir.resolve("lib").resolve(library)));
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }

    /**
     * Each build of a jar rebuilt in place (a developer's target/timpani.jar) would otherwise leave 200 MB behind;
     * a folder another process still runs from keeps working, as Linux keeps its open jars readable. So would the
     * staging folder of a run killed while unpacking.
     */
    private static void removeOlderBuilds(Path jar, Path root, Path current) {
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root)) {
            for (Path folder : folders) {
                // Another process's staging folder names this jar as its source too once unpacked: it is not an
                // older build but one about to be moved in place (or deleted by its owner).
                boolean staging = folder.getFileName().toString().contains(".unpacking-");
                Path source = folder.resolve(SOURCE_FILE);
                boolean olderBuild = !staging && !folder.equals(current) && Files.isRegularFile(source)
                        && Files.readString(source).equals(jar.toString());
                boolean abandoned = staging && Files.getLastModifiedTime(folder).toMillis() < hourAgo;
                if (olderBuild || abandoned) {
                    deleteRecursively(folder);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Only disk space is lost.
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(each);
            }
        } catch (NoSuchFileException | UncheckedIOException gone) {
            // Removed meanwhile by another process cleaning the same cache: what was asked is done. Anything else
            // left is an abandoned folder the next start removes.
            if (!(gone instanceof NoSuchFileException) && !(gone.getCause() instanceof NoSuchFileException)) {
                throw gone;
            }
        }
    }
}
