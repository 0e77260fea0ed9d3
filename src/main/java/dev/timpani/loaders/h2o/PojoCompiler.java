package dev.timpani.loaders.h2o;

import dev.timpani.model.ModelLoadException;
import hex.genmodel.GenModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Turns an H2O POJO ({@code <ClassName>.java}) into a model: compiled in memory with the JDK's compiler against
 * h2o-genmodel, loaded by a class loader of its own, instantiated by the class its file is named after.
 */
final class PojoCompiler {

    /** Annotation processing would only scan the classpath; the POJO has nothing to process. */
    private static final List<String> OPTIONS = List.of("-proc:none", "-nowarn", "-encoding", "UTF-8");

    GenModel compile(Path source) {
        String fileName = source.getFileName().toString();
        String className = fileName.substring(0, fileName.length() - ".java".length());
        if (!SourceVersion.isName(className)) {
            throw new ModelLoadException("Could not load H2O POJO " + fileName + ": an H2O POJO's file is named after "
                    + "its class, and '" + className + "' is not a Java class name");
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new ModelLoadException("Could not load H2O POJO " + fileName + ": POJOs are compiled when they load, "
                    + "and this Java runtime has no compiler. Run Timpani on a JDK (not a JRE), or export the model "
                    + "as a MOJO (.zip)");
        }
        Map<String, byte[]> classes = compileToBytes(compiler, fileName, className, read(source));
        return instantiate(fileName, className, classes);
    }

    private static String read(Path source) {
        try {
            return new String(Files.readAllBytes(source), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new ModelLoadException("Could not read H2O POJO " + source.getFileName() + ": "
                    + unreadable.getMessage(), unreadable);
        }
    }

    private static Map<String, byte[]> compileToBytes(JavaCompiler compiler, String fileName, String className,
            String code) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8);
        try (InMemoryClassFiles output = new InMemoryClassFiles(standard)) {
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, GenModelClasspath.entries());
            StringWriter compilerOutput = new StringWriter();
            boolean compiled = compiler.getTask(compilerOutput, output, diagnostics, OPTIONS, null,
                    List.of(new SourceText(className, code))).call();
            if (!compiled) {
                throw new ModelLoadException("Could not compile H2O POJO " + fileName + ": "
                        + firstErrors(diagnostics));
            }
            return output.classes;
        } catch (IOException classpath) {
            throw new ModelLoadException("Could not compile H2O POJO " + fileName + ": h2o-genmodel is not readable "
                    + "for the compiler (" + classpath.getMessage() + ")", classpath);
        }
    }

    private static String firstErrors(DiagnosticCollector<JavaFileObject> diagnostics) {
        String errors = diagnostics.getDiagnostics().stream()
                .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                .limit(3)
                .map(diagnostic -> "line " + diagnostic.getLineNumber() + ": "
                        + diagnostic.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
                .collect(Collectors.joining("; "));
        return errors.isEmpty() ? "the compiler reported no error but produced no classes" : errors;
    }

    private static GenModel instantiate(String fileName, String className, Map<String, byte[]> classes) {
        // Parent: the loader of h2o-genmodel, so the POJO extends the very GenModel class this server scores with.
        ClassLoader loader = new CompiledClassLoader(classes, GenModel.class.getClassLoader());
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError missing) {
            throw new ModelLoadException("Could not load H2O POJO " + fileName + ": it does not define the class "
                    + className + " (an H2O POJO's file is named after its class)", missing);
        }
        if (!GenModel.class.isAssignableFrom(type)) {
            throw new ModelLoadException("Could not load H2O POJO " + fileName + ": class " + className
                    + " does not extend hex.genmodel.GenModel");
        }
        try {
            return (GenModel) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError failed) {
            throw new ModelLoadException("Could not load H2O POJO " + fileName + ": creating " + className
                    + " failed: " + H2oLoader.describe(failed), failed);
        }
    }

    /** The POJO's source, named as javac requires a public class's file to be. */
    private static final class SourceText extends SimpleJavaFileObject {

        private final String code;

        SourceText(String className, String code) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    /** Collects every class javac writes (a POJO defines several top-level classes) instead of writing files. */
    private static final class InMemoryClassFiles extends ForwardingJavaFileManager<StandardJavaFileManager> {

        final Map<String, byte[]> classes = new HashMap<>();

        InMemoryClassFiles(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }

    /** Defines the compiled POJO classes; everything else comes from the parent. */
    private static final class CompiledClassLoader extends ClassLoader {

        private final Map<String, byte[]> classes;

        CompiledClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
