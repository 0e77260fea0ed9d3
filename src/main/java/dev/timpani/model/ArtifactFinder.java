package dev.timpani.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Picks the file a model folder is served from and the loader that serves it (R-HOOK-1, R-HOOK-2): a hook
 * file ({@code custom.py}, {@code custom.R}, {@code custom.jl}) wins, since its {@code load_model} reads the
 * artifacts itself; otherwise there must be exactly one artifact of a kind DRUM or Timpani knows.
 */
public final class ArtifactFinder {

    /** Every artifact kind of R-HOOK-1, whether or not this build has its loader. */
    static final Set<String> KNOWN_EXTENSIONS = Set.of("pkl", "joblib", "pth", "h5", "onnx", "rds", "jlso", "jar",
            "zip", "java", "mojo", "pmml", "json", "ubj", "model", "xgb", "pt", "torchscript");

    /**
     * The engine each artifact kind needs, named when this build (or its class path, say under
     * {@code spring-boot:run}) lacks that engine's classes and so has no loader for it.
     */
    private static final Map<String, String> ENGINES = Map.ofEntries(
            Map.entry("pmml", "JPMML-Evaluator (org.jpmml:pmml-evaluator)"),
            Map.entry("json", "XGBoost4J (ml.dmlc:xgboost4j)"), Map.entry("ubj", "XGBoost4J (ml.dmlc:xgboost4j)"),
            Map.entry("model", "XGBoost4J (ml.dmlc:xgboost4j)"), Map.entry("xgb", "XGBoost4J (ml.dmlc:xgboost4j)"),
            Map.entry("zip", "H2O (ai.h2o:h2o-genmodel)"), Map.entry("java", "H2O (ai.h2o:h2o-genmodel)"),
            Map.entry("mojo", "H2O (ai.h2o:h2o-genmodel)"),
            Map.entry("jar", "DataRobot scoring code (com.datarobot:datarobot-prediction)"),
            Map.entry("onnx", "ONNX Runtime (ai.djl.onnxruntime:onnxruntime-engine and "
                    + "com.microsoft.onnxruntime:onnxruntime)"),
            Map.entry("pt", "PyTorch (ai.djl.pytorch:pytorch-engine)"),
            Map.entry("torchscript", "PyTorch (ai.djl.pytorch:pytorch-engine)"),
            Map.entry("jlso", "Julia, which Timpani does not run"), Map.entry("jl", "Julia, which Timpani does not run"));

    private static final List<String> HOOK_FILES = List.of("custom.py", "custom.R", "custom.r", "custom.jl");

    /** DRUM's languages (its RunLanguage) of the artifacts it knows; Timpani's own kinds belong to none. */
    private static final Map<String, String> DRUM_LANGUAGES = Map.ofEntries(Map.entry("pkl", "python"),
            Map.entry("pth", "python"), Map.entry("h5", "python"), Map.entry("joblib", "python"),
            Map.entry("onnx", "python"), Map.entry("rds", "r"), Map.entry("jar", "java"), Map.entry("zip", "java"),
            Map.entry("java", "java"), Map.entry("mojo", "java"));

    private static final Map<String, String> HOOK_LANGUAGES = Map.of("custom.py", "python", "custom.R", "r",
            "custom.r", "r");

    private static final List<String> LANGUAGES = List.of("python", "r", "java");

    /** Per extension, the loaders that claim it, highest priority first. */
    private final Map<String, List<ModelLoader>> loadersByExtension;

    public ArtifactFinder(List<ModelLoader> loaders) {
        Map<String, List<ModelLoader>> byExtension = new LinkedHashMap<>();
        for (ModelLoader loader : loaders) {
            for (String extension : loader.extensions()) {
                List<ModelLoader> claimants = byExtension.computeIfAbsent(extension, key -> new ArrayList<>());
                for (ModelLoader previous : claimants) {
                    if (previous.priority() == loader.priority()) {
                        throw new IllegalStateException("Loaders " + previous.framework() + " and "
                                + loader.framework() + " both claim ." + extension + " with priority "
                                + loader.priority());
                    }
                }
                claimants.add(loader);
                claimants.sort(Comparator.comparingInt(ModelLoader::priority).reversed());
            }
        }
        byExtension.replaceAll((extension, claimants) -> List.copyOf(claimants));
        this.loadersByExtension = byExtension;
    }

    /**
     * The file to serve and the loaders to offer it to, in order: the first that does not decline serves it.
     */
    public record Choice(Path artifact, List<ModelLoader> loaders) {

        public Choice {
            loaders = List.copyOf(loaders);
        }

        /** The loader tried first. */
        public ModelLoader loader() {
            return loaders.get(0);
        }
    }

    public Choice choose(Path codeDir) {
        return choose(codeDir, null);
    }

    /**
     * @param language DRUM's {@code --language}: only that language's hook file and artifacts (and Timpani's own
     *                 artifact kinds, which belong to no DRUM language) are considered; null: detected as DRUM
     *                 detects it, failing where DRUM fails (R-CLI-10)
     */
    public Choice choose(Path codeDir, String language) {
        if (!Files.isDirectory(codeDir)) {
            throw new ModelLoadException("The code dir " + codeDir + " is not a directory");
        }
        List<Path> all = listFiles(codeDir);
        String runLanguage = language == null || language.isBlank() ? detectLanguage(codeDir, all)
                : checkedLanguage(language);
        List<Path> files = runLanguage == null ? all
                : all.stream().filter(file -> belongsTo(file, runLanguage)).toList();
        for (String hookFile : HOOK_FILES) {
            Path hook = codeDir.resolve(hookFile);
            if (files.contains(hook)) {
                return new Choice(hook, loaderFor(hook, "hook file"));
            }
        }
        List<Path> artifacts = files.stream().filter(file -> KNOWN_EXTENSIONS.contains(extension(file))).toList();
        if (artifacts.isEmpty()) {
            throw new ModelLoadException("Could not find a model artifact in " + codeDir + ". This build serves "
                    + servedExtensions() + " artifacts, or a custom.py / custom.R with hooks.");
        }
        if (artifacts.size() > 1) {
            throw new ModelLoadException("Multiple model artifacts found in " + codeDir + ": "
                    + artifacts.stream().map(file -> file.getFileName().toString()).sorted()
                            .collect(Collectors.joining(", "))
                    + ". Keep exactly one, or load them yourself in a load_model hook.");
        }
        Path artifact = artifacts.get(0);
        return new Choice(artifact, loaderFor(artifact, "artifact"));
    }

    /**
     * DRUM's detection: the language of the artifacts when they all share one, and of the single custom.py / R;
     * neither, or two that differ, is DRUM's error. Timpani's own artifact kinds (PMML, native XGBoost, ...) are
     * served without a language, so a folder of those alone is no error here.
     */
    private String detectLanguage(Path codeDir, List<Path> files) {
        Set<String> artifactLanguages = new TreeSet<>();
        boolean ownArtifact = false;
        Set<String> hookLanguages = new TreeSet<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (HOOK_LANGUAGES.containsKey(name)) {
                hookLanguages.add(HOOK_LANGUAGES.get(name));
            } else if (name.equals("custom.jl")) {
                ownArtifact = true;
            } else if (DRUM_LANGUAGES.containsKey(extension(file))) {
                artifactLanguages.add(DRUM_LANGUAGES.get(extension(file)));
            } else if (KNOWN_EXTENSIONS.contains(extension(file))) {
                ownArtifact = true;
            }
        }
        // custom.py beside custom.R names no language, as in DRUM.
        boolean hasCustomPy = files.contains(codeDir.resolve("custom.py"));
        boolean hasCustomR = files.contains(codeDir.resolve("custom.R")) || files.contains(codeDir.resolve("custom.r"));
        String byHook = hasCustomPy ^ hasCustomR ? (hasCustomPy ? "python" : "r") : null;
        String byArtifacts = artifactLanguages.size() == 1 ? artifactLanguages.iterator().next() : null;
        boolean conflict = byHook != null && byArtifacts != null && !byHook.equals(byArtifacts);
        if (conflict || (byHook == null && byArtifacts == null && !ownArtifact)) {
            throw new ModelLoadException(undetectedLanguage(codeDir, files, byArtifacts, byHook));
        }
        return byHook != null ? byHook : byArtifacts;
    }

    /** DRUM's text, word for word (its functional tests look for it), then what this build serves. */
    private String undetectedLanguage(Path codeDir, List<Path> files, String byArtifacts, String byHook) {
        Path absolute = codeDir.toAbsolutePath();
        String listing = files.stream().map(file -> file.getFileName().toString()).sorted().limit(100)
                .collect(Collectors.joining("\n"));
        return "Can not detect language by artifacts and/or custom.py/R files.\n"
                + "Detected: language by artifacts - " + (byArtifacts == null ? "None" : byArtifacts)
                + "; language by custom - " + (byHook == null ? "None" : byHook) + ".\n"
                + "Code directory must have one or more model artifacts belonging to the same language:\n"
                + "Python/R/Java, with an extension:\n"
                + "Python models: ['.pkl', '.pth', '.h5', '.joblib', '.onnx']\n"
                + "R models: ['.rds']\n"
                + "Java models: ['.jar', '.zip', '.java', '.mojo'].\n"
                + "Or one of custom.py/R files.\n\nFiles(100 first) found in " + absolute + ":\n" + listing + "\n"
                + "\nThis build serves " + servedExtensions() + " artifacts, or a custom.py / custom.R with hooks.";
    }

    private static String checkedLanguage(String language) {
        String lower = language.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(lower)) {
            throw new ModelLoadException("--language " + language + ": use one of " + String.join(", ", LANGUAGES));
        }
        return lower;
    }

    /** Under {@code --language}: the language's hook file and artifacts, and artifacts of no DRUM language. */
    private static boolean belongsTo(Path file, String language) {
        String name = file.getFileName().toString();
        if (HOOK_LANGUAGES.containsKey(name)) {
            return HOOK_LANGUAGES.get(name).equals(language);
        }
        String drumLanguage = DRUM_LANGUAGES.get(extension(file));
        return drumLanguage == null || drumLanguage.equals(language);
    }

    /** Extensions with a loader in this build, for messages and {@code /capabilities/}. */
    public String servedExtensions() {
        Set<String> served = new TreeSet<>(loadersByExtension.keySet());
        return served.stream().map(extension -> "." + extension).collect(Collectors.joining(", "));
    }

    private List<ModelLoader> loaderFor(Path file, String kind) {
        List<ModelLoader> loader = loadersByExtension.get(extension(file));
        if (loader == null) {
            String extension = extension(file);
            String engine = ENGINES.containsKey(extension)
                    ? "the " + ENGINES.get(extension) + " engine, whose classes are not on this server's class path"
                    : "a loader that this build does not include";
            throw new ModelLoadException("The " + kind + " " + file.getFileName() + " needs " + engine
                    + ". This build serves " + servedExtensions() + ".");
        }
        return loader;
    }

    private static List<Path> listFiles(Path codeDir) {
        try (Stream<Path> entries = Files.list(codeDir)) {
            return new ArrayList<>(entries.filter(Files::isRegularFile).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the code dir " + codeDir, e);
        }
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
