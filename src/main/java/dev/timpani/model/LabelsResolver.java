package dev.timpani.model;

import dev.timpani.config.TimpaniProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Turns the configured labels into the ordered {@link ClassLabels} a target type needs (R-OUT-10). */
final class LabelsResolver {

    private LabelsResolver() {
    }

    /**
     * The flags' (or environment's) labels, else those of {@code model-metadata.yaml}; when both give labels they
     * must agree, with DRUM's messages (R-CLI-9). Binary labels must match exactly, multiclass ones as sets.
     */
    static Optional<ClassLabels> resolve(TimpaniProperties.Labels configured, TargetType targetType,
                                         Optional<ModelMetadata> metadata) {
        Optional<ClassLabels> labels = configuredLabels(configured);
        if (!targetType.isClassification()) {
            return labels;
        }
        ClassLabels found;
        if (targetType == TargetType.BINARY) {
            Optional<ClassLabels> declared = metadata.flatMap(ModelMetadata::binaryLabels);
            if (labels.isEmpty() && declared.isEmpty()) {
                throw new ModelLoadException("Positive/negative class labels are missing. They must be provided with "
                        + "either one: --positive-class-label/--negative-class-label arguments, environment variables, "
                        + "model config file.");
            }
            if (labels.isPresent() && declared.isPresent() && !labels.get().equals(declared.get())) {
                throw new ModelLoadException("Positive/negative class labels provided with command arguments or "
                        + "environment variable don't match values from model config file. Use either one of them "
                        + "or make them match.");
            }
            found = labels.or(() -> declared).get();
            if (found.size() != 2) {
                throw new ModelLoadException("Target type binary needs exactly 2 class labels, got " + found.labels());
            }
        } else {
            Optional<List<String>> declared = metadata.flatMap(ModelMetadata::classLabels);
            if (labels.isEmpty() && declared.isEmpty()) {
                throw new ModelLoadException("Class labels are missing. They must be provided with either one: "
                        + "--class-labels/--class-labels-file arguments, environment variables, model config file.");
            }
            if (labels.isPresent() && declared.isPresent()
                    && !new HashSet<>(labels.get().labels()).equals(new HashSet<>(declared.get()))) {
                throw new ModelLoadException("Class labels provided with command arguments or environment variable "
                        + "don't match values from model config file. Use either one of them or make them match.");
            }
            found = labels.orElseGet(() -> new ClassLabels(declared.get()));
        }
        if (found.size() < 2) {
            throw new ModelLoadException("Classification problems must have more than one class label");
        }
        return Optional.of(found);
    }

    private static Optional<ClassLabels> configuredLabels(TimpaniProperties.Labels configured) {
        if (configured.positive() != null || configured.negative() != null) {
            if (configured.positive() == null || configured.negative() == null) {
                throw new ModelLoadException("--positive-class-label and --negative-class-label must be given together");
            }
            return Optional.of(ClassLabels.binary(configured.negative(), configured.positive()));
        }
        if (configured.classLabels() != null && !configured.classLabels().isEmpty()) {
            return Optional.of(new ClassLabels(configured.classLabels()));
        }
        if (configured.classLabelsFile() != null) {
            try {
                List<String> lines = Files.readAllLines(configured.classLabelsFile(), StandardCharsets.UTF_8);
                // One label per line; a trailing newline does not make an empty label.
                while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                    lines.remove(lines.size() - 1);
                }
                return Optional.of(new ClassLabels(lines));
            } catch (IOException e) {
                throw new ModelLoadException("Cannot read the class labels file " + configured.classLabelsFile()
                        + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }
}
