package dev.timpani;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking a fat jar laid out as Spring Boot lays it out (nested jars stored, classpath.idx). */
class UnpackedJarTest {

    @TempDir
    Path tmp;

    @Test
    void unpacksClassesAndLibrariesInTheIndexOrderAndLoadsFromThem() throws Exception {
        Path jar = fatJar(tmp.resolve("app.jar"), List.of("b.jar", "a.jar"));
        Path root = tmp.resolve("cache");

        Path dir = UnpackedJar.unpacked(jar, root);

        URL[] classpath = UnpackedJar.classpath(dir);
        assertThat(classpath).extracting(url -> Path.of(url.toURI()).getFileName().toString())
                .containsExactly("application.jar", "b.jar", "a.jar");
        try (URLClassLoader loader = new URLClassLoader(classpath, null)) {
            assertThat(read(loader, "app/resource.txt")).isEqualTo("application");
            // Both libraries hold lib.txt; the index puts b.jar first, as Spring Boot's launcher would.
            assertThat(read(loader, "lib.txt")).isEqualTo("b.jar");
            assertThat(read(loader, "only-in-a.txt")).isEqualTo("a.jar");
            // The fat jar's manifest goes with the application's classes: it carries the version Timpani reports.
            Manifest manifest = new java.util.jar.JarFile(Path.of(classpath[0].toURI()).toFile()).getManifest();
            assertThat(manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION))
                    .isEqualTo("9.9.9");
        }
    }

    @Test
    void aSecondRunUsesTheFolderTheFirstOneMade() throws Exception {
        Path jar = fatJar(tmp.resolve("app.jar"), List.of("a.jar"));
        Path root = tmp.resolve("cache");
        Path first = UnpackedJar.unpacked(jar, root);
        Path marker = Files.writeString(first.resolve("marker"), "still here");

        Path second = UnpackedJar.unpacked(jar, root);

        assertThat(second).isEqualTo(first);
        assertThat(marker).exists();
    }

    @Test
    void aRebuiltJarReplacesTheFolderOfItsOlderBuild() throws Exception {
        Path jar = fatJar(tmp.resolve("app.jar"), List.of("a.jar"));
        Path root = tmp.resolve("cache");
        Path older = UnpackedJar.unpacked(jar, root);
        Path otherJar = fatJar(tmp.resolve("other.jar"), List.of("a.jar"));
        Path other = UnpackedJar.unpacked(otherJar, root);

        fatJar(jar, List.of("a.jar", "b.jar"));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        Path newer = UnpackedJar.unpacked(jar, root);

        assertThat(newer).isNotEqualTo(older).isDirectory();
        assertThat(older).doesNotExist();
        assertThat(other).as("another jar's folder").isDirectory();
        assertThat(UnpackedJar.classpath(newer)).hasSize(3);
    }

    @Test
    void processesStartingTogetherEndUpInOneCompleteFolder() throws Exception {
        Path jar = fatJar(tmp.resolve("app.jar"), List.of("a.jar", "b.jar"));
        Path root = tmp.resolve("cache");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit((Callable<Path>) () -> UnpackedJar.unpacked(jar, root)));
            }
            Path dir = runs.get(0).get();
            for (Future<Path> run : runs) {
                assertThat(run.get()).isEqualTo(dir);
            }
            assertThat(UnpackedJar.classpath(dir)).hasSize(3);
            try (var folders = Files.list(root)) {
                assertThat(folders).as("no staging folder left behind").containsExactly(dir);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String read(ClassLoader loader, String resource) throws IOException {
        try (var in = loader.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A fat jar: BOOT-INF/classes, stored nested jars under BOOT-INF/lib, and a classpath.idx naming their order. */
    private static Path fatJar(Path jar, List<String> libraries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "9.9.9");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            put(out, "BOOT-INF/classes/app/resource.txt", "application".getBytes(StandardCharsets.UTF_8));
            StringBuilder index = new StringBuilder();
            for (String library : libraries) {
                stored(out, "BOOT-INF/lib/" + library, library(library));
                index.append("- \"BOOT-INF/lib/").append(library).append("\"\n");
            }
            put(out, "BOOT-INF/classpath.idx", index.toString().getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static byte[] library(String name) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            put(out, "lib.txt", name.getBytes(StandardCharsets.UTF_8));
            if (name.equals("a.jar")) {
                put(out, "only-in-a.txt", name.getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static void stored(JarOutputStream out, String name, byte[] content) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        ((OutputStream) out).write(content);
        out.closeEntry();
    }
}
