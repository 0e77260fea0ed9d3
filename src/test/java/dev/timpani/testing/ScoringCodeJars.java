package dev.timpani.testing;

import com.datarobot.prediction.IPredictorInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Real scoring-code jars for tests, built from {@code src/test/scoringcode} (which Maven does not compile): the
 * sources are compiled once per test JVM against the {@code datarobot-prediction} API, and each model is packed
 * with its service entry the way {@code Predictors.getPredictor(ClassLoader)} finds it.
 */
public final class ScoringCodeJars {

    /** The models in {@code src/test/scoringcode}; see their sources for the formulas. */
    public enum Model {
        REGRESSION("drtestregression", "com.datarobot.prediction.Predictor"),
        BINARY("drtestbinary", "com.datarobot.prediction.MulticlassPredictor"),
        MULTICLASS("drtestmulticlass", "com.datarobot.prediction.MulticlassPredictor");

        private final String packageName;
        private final String service;

        Model(String packageName, String service) {
            this.packageName = packageName;
            this.service = service;
        }
    }

    private static final Path SOURCES = Path.of("src", "test", "scoringcode");
    private static final String SUPPORT_PACKAGE = "drtestsupport";
    private static Path compiled;

    private ScoringCodeJars() {
    }

    /** Writes {@code model} as {@code dir/fileName} and returns its path. */
    public static Path write(Model model, Path dir, String fileName) {
        Path classes = compiledClasses();
        Path jar = dir.resolve(fileName);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            addPackage(out, classes, SUPPORT_PACKAGE);
            addPackage(out, classes, model.packageName);
            out.putNextEntry(new JarEntry("META-INF/services/" + model.service));
            out.write(("com.datarobot.prediction." + model.packageName + ".DRModel\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static void addPackage(JarOutputStream out, Path classes, String packageName) throws IOException {
        Path dir = classes.resolve("com/datarobot/prediction").resolve(packageName);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.sorted().toList();
        }
        for (Path file : files) {
            out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
            out.write(Files.readAllBytes(file));
            out.closeEntry();
        }
    }

    private static synchronized Path compiledClasses() {
        if (compiled != null) {
            return compiled;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("Tests need a JDK: no system Java compiler");
        }
        try {
            Path output = Files.createTempDirectory("timpani-scoringcode-classes");
            List<String> arguments = new ArrayList<>(List.of("-nowarn", "-Xlint:none", "--release", "17",
                    "-classpath", apiJar().toString(), "-d", output.toString()));
            try (Stream<Path> walk = Files.walk(SOURCES)) {
                walk.filter(path -> path.toString().endsWith(".java")).map(Path::toString).sorted()
                        .forEach(arguments::add);
            }
            // javac's notes (the API's Predictor and Row are deprecated) are noise unless compiling fails.
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            int status = compiler.run(null, messages, messages, arguments.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("Compiling " + SOURCES + " failed:\n"
                        + messages.toString(StandardCharsets.UTF_8));
            }
            compiled = output;
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path apiJar() {
        try {
            return Path.of(IPredictorInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
