package dev.timpani.loaders.h2o;

import hex.genmodel.GenModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The classpath a POJO compiles against: wherever this process loaded h2o-genmodel from, as a file javac can read.
 *
 * <p>{@code java.class.path} alone is not enough: in the packaged server it names only the Spring Boot jar, and
 * h2o-genmodel is a jar nested inside it ({@code BOOT-INF/lib}), which javac cannot open. Such a nested jar is
 * copied out to a temporary file once per process.
 */
final class GenModelClasspath {

    private static volatile List<Path> entries;

    private GenModelClasspath() {
    }

    static List<Path> entries() throws IOException {
        List<Path> known = entries;
        if (known == null) {
            synchronized (GenModelClasspath.class) {
                known = entries;
                if (known == null) {
                    known = resolve();
                    entries = known;
                }
            }
        }
        return known;
    }

    private static List<Path> resolve() throws IOException {
        Set<Path> paths = new LinkedHashSet<>();
        paths.add(genModelLocation());
        // Whatever else the JVM was started with (an IDE or test classpath) does no harm and may help.
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank() && Files.exists(Path.of(entry))) {
                paths.add(Path.of(entry));
            }
        }
        return List.copyOf(new ArrayList<>(paths));
    }

    private static Path genModelLocation() throws IOException {
        CodeSource source = GenModel.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("cannot tell where h2o-genmodel was loaded from");
        }
        URL location = source.getLocation();
        if ("file".equals(location.getProtocol())) {
            try {
                return Path.of(location.toURI());
            } catch (URISyntaxException | IllegalArgumentException notAPath) {
                throw new IOException("cannot read h2o-genmodel's location " + location, notAPath);
            }
        }
        return copyOut(location);
    }

    /** A jar inside another jar (e.g. {@code jar:nested:/app.jar/!BOOT-INF/lib/h2o-genmodel.jar!/}), as a file. */
    private static Path copyOut(URL location) throws IOException {
        URL jarUrl = location.toString().startsWith("jar:") ? location : new URL("jar:" + location + "!/");
        URLConnection connection = jarUrl.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("h2o-genmodel was loaded from " + location + ", which is not a jar javac can use");
        }
        connection.setUseCaches(false);
        Path copy = Files.createTempFile("timpani-h2o-genmodel-", ".jar");
        copy.toFile().deleteOnExit();
        try (JarFile jar = jarConnection.getJarFile();
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy))) {
            Enumeration<JarEntry> jarEntries = jar.entries();
            while (jarEntries.hasMoreElements()) {
                JarEntry entry = jarEntries.nextElement();
                if (entry.isDirectory() || entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream in = jar.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return copy;
    }
}
