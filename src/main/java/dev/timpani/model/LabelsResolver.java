package dev.timpani.model;

import dev.timpani.config.TimpaniProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/** Turns the configured labels into the ordered {@link ClassLabels} a target type needs (R-OUT-10). */
final class LabelsResolver {

    private LabelsResolver() {
    }

    static Optional<ClassLabels> resolve(TimpaniProperties.Labels configured, TargetType targetType) {
        Optional<ClassLabels> labels = configuredLabels(configured);
        if (!targetType.isClassification()) {
            return labels;
        }
        ClassLabels found = labels.orElseThrow(() -> new ModelLoadException(targetType == TargetType.BINARY
                ? "Target type binary needs --positive-class-label and --negative-class-label "
                        + "(POSITIVE_CLASS_LABEL, NEGATIVE_CLASS_LABEL)"
                : "Target type " + targetType.drumName() + " needs --class-labels or --class-labels-file "
                        + "(CLASS_LABELS, CLASS_LABELS_FILE)"));
        if (targetType == TargetType.BINARY && found.size() != 2) {
            throw new ModelLoadException("Target type binary needs exactly 2 class labels, got " + found.labels());
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
