package dev.timpani.model;

import dev.timpani.model.params.RuntimeParameters;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a loader may need to know besides the artifact.
 *
 * @param runtimeParameters the checked runtime parameters (R-CFG-9), for loaders that run user code
 */
public record LoadContext(Path codeDir, TargetType targetType, Optional<ClassLabels> classLabels, int engineThreads,
                          RuntimeParameters runtimeParameters) {

    public LoadContext(Path codeDir, TargetType targetType, Optional<ClassLabels> classLabels, int engineThreads) {
        this(codeDir, targetType, classLabels, engineThreads, RuntimeParameters.none());
    }
}
