package dev.timpani.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A code dir's {@code model-metadata.yaml}, the one place it is read (R-CLI-9, R-ROUTE-3): its target type and
 * class labels stand in for flags and environment variables that lack them. DRUM reads the file with strictyaml,
 * where every scalar is text, so {@code positiveClassLabel: yes} is the label "yes", never a boolean: the
 * {@link #read} view keeps scalars as text too.
 *
 * @param values the parsed file, every scalar a string
 * @param codeDir the folder the file is in
 */
public record ModelMetadata(Map<String, Object> values, Path codeDir) {

    public static final String FILE_NAME = "model-metadata.yaml";

    private static final String INFERENCE_MODEL = "inferenceModel";

    /** The file with every scalar as text; empty when there is none. An unreadable file fails the load, as in DRUM. */
    public static Optional<ModelMetadata> read(Path codeDir) {
        Object parsed = parse(codeDir, textOnly());
        if (parsed == null) {
            return Optional.empty();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new ModelLoadException(FILE_NAME + " in " + codeDir + " must be a mapping of keys to values");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) map;
        return Optional.of(new ModelMetadata(values, codeDir));
    }

    /** The file as YAML types it (numbers, booleans), for {@code /info/}; null when absent or unreadable. */
    public static Object readForDisplay(Path codeDir) {
        try {
            return parse(codeDir, new Yaml(new SafeConstructor(new LoaderOptions())));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    public Optional<TargetType> targetType() {
        return text(values.get("targetType")).map(TargetType::parse);
    }

    public boolean isInference() {
        return "inference".equals(values.get("type"));
    }

    /** {@code inferenceModel.positiveClassLabel} / {@code negativeClassLabel}, when both are there. */
    public Optional<ClassLabels> binaryLabels() {
        Map<?, ?> inference = inferenceModel();
        Optional<String> positive = text(inference.get("positiveClassLabel"));
        Optional<String> negative = text(inference.get("negativeClassLabel"));
        if (positive.isEmpty() || negative.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ClassLabels.binary(negative.get(), positive.get()));
    }

    /** {@code inferenceModel.classLabels}, or the lines of {@code inferenceModel.classLabelsFile}. */
    public Optional<List<String>> classLabels() {
        Map<?, ?> inference = inferenceModel();
        if (inference.get("classLabels") instanceof List<?> labels) {
            List<String> texts = new ArrayList<>();
            labels.forEach(label -> texts.add(String.valueOf(label)));
            return Optional.of(texts);
        }
        Optional<String> file = text(inference.get("classLabelsFile"));
        if (file.isEmpty()) {
            return Optional.empty();
        }
        // DRUM opens the path as given (relative to the working directory); a path inside the code dir also works.
        Path path = Path.of(file.get());
        if (!path.isAbsolute() && !Files.exists(path) && Files.exists(codeDir.resolve(path))) {
            path = codeDir.resolve(path);
        }
        try {
            return Optional.of(Files.readAllLines(path, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isEmpty()).toList());
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read classLabelsFile " + path + " named in " + FILE_NAME + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * DRUM's checks of an inference model's file: a binary model names both labels, a multiclass one its labels or
     * a labels file, not both.
     */
    public void validate() {
        Optional<TargetType> targetType = targetType();
        if (targetType.isEmpty() || !isInference()) {
            return;
        }
        if (targetType.get() == TargetType.BINARY) {
            requireKeys(values, INFERENCE_MODEL);
            requireKeys(inferenceModel(), "positiveClassLabel", "negativeClassLabel");
        } else if (targetType.get() == TargetType.MULTICLASS || targetType.get() == TargetType.MULTILABEL) {
            requireKeys(values, INFERENCE_MODEL);
            boolean labels = inferenceModel().containsKey("classLabels");
            boolean file = inferenceModel().containsKey("classLabelsFile");
            String name = targetType.get().drumName();
            if (labels && file) {
                throw new ModelLoadException("\nError - for " + name + " classification, either the class labels or "
                        + "a class labels file should be provided in " + FILE_NAME + " file, but not both.");
            }
            if (!labels && !file) {
                throw new ModelLoadException("\nError - for " + name + " classification, either the class labels or "
                        + "a class labels file must be provided in " + FILE_NAME + " file.");
            }
        }
    }

    private static void requireKeys(Map<?, ?> section, String... keys) {
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            if (!section.containsKey(key)) {
                missing.add("'" + key + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new ModelLoadException("The following keys are missing in " + FILE_NAME + " file.\nMissing keys: "
                    + missing);
        }
    }

    private Map<?, ?> inferenceModel() {
        return values.get(INFERENCE_MODEL) instanceof Map<?, ?> inference ? inference : Map.of();
    }

    private static Optional<String> text(Object value) {
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    private static Object parse(Path codeDir, Yaml yaml) {
        Path file = codeDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return yaml.load(reader);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** YAML without implicit types: {@code yes}, {@code 1}, {@code null} all stay text, as strictyaml reads them. */
    private static Yaml textOnly() {
        LoaderOptions options = new LoaderOptions();
        Resolver noImplicitTypes = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
            }
        };
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, noImplicitTypes);
    }
}
